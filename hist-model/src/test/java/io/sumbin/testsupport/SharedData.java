package io.sumbin.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one way tests of every module find the shared reference material {@code ../shared} (pyhf
 * workspaces and reference numbers, MadGraph LHE samples): the directory given by the system
 * property {@value #PROPERTY} (set by surefire to the checkout's sibling {@code shared}), else
 * {@code ../shared}.
 *
 * <p>Where a file is missing, a developer's run skips the test (a JUnit assumption), but a CI run —
 * environment variable {@code CI=true}, as GitHub Actions, GitLab and {@code .ci/run} set it —
 * fails it, so that CI cannot go green by skipping every reference comparison.
 */
public final class SharedData {
  /** The system property naming the shared directory. */
  public static final String PROPERTY = "sumbin.shared";

  private SharedData() {}

  /** The shared directory (not checked). */
  public static Path root() {
    return Paths.get(System.getProperty(PROPERTY, "../shared"));
  }

  /** Whether this run is a CI run ({@code CI=true}): missing shared material fails instead of skipping. */
  public static boolean underCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * {@code root().resolve(relative)}, which must exist (file or directory); otherwise the test is
   * skipped, or fails under CI.
   */
  public static Path require(String relative) {
    Path p = root().resolve(relative);
    if (!Files.exists(p)) {
      missing("shared material " + relative + " not found at " + p.toAbsolutePath().normalize());
    }
    return p;
  }

  /** Every path, each of which must exist (see {@link #require}). */
  public static List<Path> requireAll(String... relative) {
    return Stream.of(relative).map(SharedData::require).toList();
  }

  /** {@code ../shared/pyhf} (workspaces, reference numbers, schemas), required. */
  public static Path pyhf() {
    return require("pyhf");
  }

  /** {@code ../shared/pyhf/workspaces/NAME.json}, required. */
  public static Path workspace(String name) {
    return require("pyhf/workspaces/" + name + ".json");
  }

  /** {@code ../shared/data/lhe/FILE}, required. */
  public static Path lhe(String file) {
    return require("data/lhe/" + file);
  }

  /**
   * The files of a shared directory that pass {@code filter}, sorted: for parameterized tests.
   * A missing or empty listing skips the test (fails under CI) instead of running nothing.
   */
  public static List<Path> list(String relativeDir, Predicate<Path> filter) {
    Path dir = require(relativeDir);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(filter).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    if (files.isEmpty()) {
      missing("no matching files in shared directory " + dir.toAbsolutePath().normalize());
    }
    return files;
  }

  /**
   * Skips the running test with {@code what} as the reason, or fails it under CI. Use where a test
   * finds shared material unusable in a way {@link #require} cannot see.
   */
  public static void missing(String what) {
    if (underCi()) {
      Assertions.fail(what + " (CI=true: shared reference material is required; see " + PROPERTY + ")");
    }
    Assumptions.abort(what + " (skipped; under CI=true this fails)");
  }
}
