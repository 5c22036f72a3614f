package io.sumbin.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.eft.study.BinningStudy;
import io.sumbin.eft.study.StudyDefinition;
import io.sumbin.eft.study.StudyEvents;
import io.sumbin.eft.study.StudyCells;
import io.sumbin.eft.study.StudyFiles;
import io.sumbin.eft.study.StudyResult;
import io.sumbin.eft.study.StudyRow;
import io.sumbin.cli.plot.StudyPlots;
import io.sumbin.histmodel.infer.toys.Shard;
import io.sumbin.histmodel.parallel.WorkRunner;
import io.sumbin.histmodel.progress.ProgressListener;
import io.sumbin.histmodel.progress.TextProgress;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sumbin study STUDY.json [--out DIR] [--shard K/N] [--threads T] [--engine threads|spark [--master URL]] [--json]}: a batch Asimov
 * study ({@link BinningStudy}) over the grid of a study file ({@link StudyDefinition}), with a
 * progress bar on stderr; writes {@code study.json}, {@code study.csv} and plots into DIR (default
 * {@code <name>-results/} next to the study file). {@code --shard K/N} runs the cells i with
 * i mod N = K − 1 and writes the piece {@code study-K-of-N.json}/{@code .csv};
 * {@code sumbin merge PIECE.json... --out DIR} joins the pieces. With {@code --engine spark} the cells
 * are Spark tasks ({@link StudyCells}), with the rows of the threads engine.
 */
@Command(name = "study", description = "Batch Asimov study over a grid (observable x binning strategy x bins x luminosity x MC stat.): "
    + "expected 68%%/95%% intervals and Fisher information per cell, written as CSV, JSON and plots.", mixinStandardHelpOptions = true)
public final class StudyCommand implements Callable<Integer> {
  @Mixin
  Console console;

  @Parameters(index = "0", paramLabel = "STUDY.json", description = "study definition (see docs: source, truth, scan, grid)")
  Path file;

  @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: <name>-results next to the study file)")
  Path out;

  @Option(names = "--shard", converter = Converters.ShardValue.class, paramLabel = "K/N", description = "run only the cells i with i mod N = K-1 and write the piece study-K-of-N.json/.csv")
  Shard shard;

  @Mixin
  ThreadsOption threads;

  @Mixin
  EngineOption engine;

  @Option(names = "--json", description = "print one JSON object (summary) on stdout")
  boolean json;

  @Override
  public Integer call() {
    engine.check();
    if (!Files.isRegularFile(file)) {
      throw new UserError(file + ": no such study file");
    }
    StudyDefinition def = StudyDefinition.read(file);
    if (engine.engine() != EngineOption.Engine.spark) {
      JitTuning.c1Only(); // thousands of small models: C1 code, without C2's compile time (same numbers)
    }
    Shard sh = shard == null ? Shard.ALL : shard;
    int nThreads = threads.get();
    Path dir = out != null ? out : defaultOut(file, def);
    Outputs.checkDirectory(dir, "--out");
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long t0 = System.nanoTime();
    StudyEvents events = StudyEvents.load(def);
    double load = (System.nanoTime() - t0) * 1e-9;
    int total = sh.count(def.grid().size());
    ProgressListener progress = console.progress();
    progress.start("study " + def.name(), total, "cells");
    long t1 = System.nanoTime();
    List<StudyRow> rows;
    String ranOn = "threads(" + nThreads + ")";
    try {
      if (engine.engine() == EngineOption.Engine.spark) {
        try (EngineOption.Started eng = engine.start(threads, "study " + def.name())) {
          ranOn = eng.describe();
          rows = runCells(events, sh, eng.runner(), progress);
        }
      } else {
        rows = BinningStudy.run(events, sh, nThreads, (done, n, row) -> progress.advance(1));
      }
    } finally {
      progress.done();
    }
    double wall = (System.nanoTime() - t1) * 1e-9;
    StudyResult r = StudyFiles.result(events, sh, rows, StudyFiles.run(started, nThreads, ranOn, load, wall, rows.size()));
    List<Path> files = writeAll(r, dir);
    report(console, r, dir, files, wall, 0, json);
    return 0;
  }

  /** The cells of the shard run as units of {@code runner} (one cell per unit), rows in cell order. */
  static List<StudyRow> runCells(StudyEvents events, Shard sh, WorkRunner runner, ProgressListener progress) {
    int[] cells = events.study().cells().stream().mapToInt(StudyDefinition.Cell::index).filter(sh::contains).toArray();
    return runner.run(new StudyCells(events, cells), cells.length, (unit, row) -> progress.advance(1));
  }

  /**
   * Tables (and for complete results the plots), staged and moved into DIR together; an unwritable
   * directory is bad input (exit 2) and a failure leaves nothing behind.
   */
  static List<Path> writeAll(StudyResult r, Path dir) {
    Outputs.checkDirectory(dir, "--out");
    try (Outputs.Staged stage = Outputs.stage(dir)) {
      List<Path> files;
      if (r.piece()) {
        files = new ArrayList<>(StudyFiles.write(r, stage.dir()));
      } else {
        // the tables are written beside the plots (independent files; the plots use every core, the
        // tables' row checksums too, so neither waits for the other's serial parts)
        java.util.concurrent.CompletableFuture<List<Path>> tables =
            java.util.concurrent.CompletableFuture.supplyAsync(() -> StudyFiles.write(r, stage.dir()), StudyCommand::daemon);
        List<Path> plots = StudyPlots.write(r, stage.dir());
        files = new ArrayList<>(joinTables(tables));
        files.addAll(plots);
      }
      stage.commit();
      return files.stream().map(stage::finalPath).toList();
    } catch (UncheckedIOException e) {
      throw new UserError("--out " + dir + ": " + e.getMessage());
    }
  }

  private static void daemon(Runnable task) {
    Thread t = new Thread(task, "sumbin-study-tables");
    t.setDaemon(true);
    t.start();
  }

  private static List<Path> joinTables(java.util.concurrent.CompletableFuture<List<Path>> tables) {
    try {
      return tables.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** {@code <name>-results} beside the study file. */
  static Path defaultOut(Path file, StudyDefinition def) {
    Path parent = file.toAbsolutePath().getParent();
    return parent.resolve(def.name() + "-results");
  }

  /**
   * Joins study pieces ({@code sumbin merge PIECE.json... --out DIR}) into the full table and plots.
   */
  static int merge(Console console, List<Path> pieces, Path dir, boolean json) {
    long t0 = System.nanoTime();
    StudyResult r = StudyFiles.merge(pieces);
    List<Path> files = writeAll(r, dir);
    report(console, r, dir, files, (System.nanoTime() - t0) * 1e-9, pieces.size(), json);
    return 0;
  }

  /**
   * Prints the summary (JSON or text); a run with cells that did not converge ends in exit code 3.
   *
   * @param merged number of pieces merged (0 for a run)
   */
  static void report(Console console, StudyResult r, Path dir, List<Path> files, double wall, int merged, boolean json) {
    ObjectNode s = StudyFiles.summary(r, dir, files, wall, merged);
    if (json) {
      CliSupport.printJson(console.out(), s);
    } else {
      console.out().print(text(r, dir, files, wall, merged));
    }
    if (!r.converged()) {
      throw new NumericalFailure("study " + r.name() + ": " + s.get("failed_cells").size() + " of " + r.rows().size()
          + " cells failed or did not converge (first: cell " + s.get("failed_cells").get(0).asInt() + ": "
          + firstFailure(r).message() + "); see " + dir.resolve(StudyFiles.stem(r.shard()) + ".csv"));
    }
  }

  private static StudyRow firstFailure(StudyResult r) {
    return r.rows().stream().filter(x -> !x.converged()).findFirst().orElseThrow();
  }

  static String text(StudyResult r, Path dir, List<Path> files, double wall, int merged) {
    StringBuilder sb = new StringBuilder();
    if (merged > 0) {
      sb.append(String.format(Locale.ROOT, "study %s (digest %s): merged %d %s into %d cells%n", r.name(), r.digest().substring(0, 12),
          merged, merged == 1 ? "piece" : "pieces", r.rows().size()));
    } else {
      sb.append(String.format(Locale.ROOT, "study %s (digest %s): %d %s in %s (%.3g cells/s)%n", r.name(), r.digest().substring(0, 12),
          r.rows().size(), r.shard() == null ? "cells" : "of " + r.cells() + " cells (shard " + r.shard() + ")",
          TextProgress.duration(wall), r.rows().size() / wall));
    }
    Map<Double, StudyRow> best = StudyFiles.narrowest(r);
    if (!best.isEmpty()) {
      sb.append("narrowest expected 68% interval of ").append(r.poi()).append(" per luminosity (").append(r.luminosityUnit()).append("):\n");
      for (Map.Entry<Double, StudyRow> e : best.entrySet()) {
        StudyRow x = e.getValue();
        sb.append(String.format(Locale.ROOT, "  L = %-8s width %.4g  (%s, %s, %d bins%s)   bound 2/sqrt(I) = %.4g%n",
            CliSupport.fmt(e.getKey()).replaceAll("\\.?0+$", ""), x.width68(), x.cell().observable().name(), x.cell().strategy().label(),
            x.cell().bins(), x.cell().mcstat() ? ", MC stat." : "", x.width68Bound()));
      }
    }
    long failed = r.rows().stream().filter(x -> !x.converged()).count();
    if (failed > 0) {
      sb.append(failed).append(" cells failed or did not converge (converged = false and the reason in the table's message)\n");
    }
    List<String> tables = new ArrayList<>();
    int plots = 0;
    for (Path p : files) {
      String n = p.getFileName().toString();
      if (n.endsWith(".png")) {
        plots++;
      } else {
        tables.add(n);
      }
    }
    sb.append("wrote ").append(String.join(", ", tables));
    if (plots > 0) {
      sb.append(" and ").append(plots).append(plots == 1 ? " plot" : " plots").append(" (width68_vs_*.png)");
    }
    sb.append(" into ").append(dir).append('\n');
    return sb.toString();
  }
}
