package io.sumbin.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import io.sumbin.histmodel.util.AtomicFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Output paths of the command line: checked before any work (a directory where a file is expected, a
 * file where a directory is expected, a place that cannot be written → {@link UserError}, exit 2), and
 * written so that a failure leaves nothing behind: single files through a temporary file in the same
 * directory that is moved into place, whole output directories through a staging directory
 * ({@link Staged}) whose contents are moved into place only when the command succeeds.
 */
public final class Outputs {
  private Outputs() {}

  /**
   * Checks an output file: it is not a directory, every existing ancestor is a directory, and the
   * deepest existing one accepts a new file (probed by creating and deleting a temporary file, which
   * also catches read-only file systems). Returns the path.
   */
  public static Path checkFile(Path file) {
    if (Files.isDirectory(file)) {
      throw new UserError(file + ": is a directory, expected a file");
    }
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
      throw new UserError(file + ": exists and is not a regular file");
    }
    Path abs = file.toAbsolutePath().normalize();
    if (abs.getFileName() == null) {
      throw new UserError(file + ": not a file name");
    }
    probe(file, abs.getParent());
    if (Files.exists(abs) && !Files.isWritable(abs)) {
      throw new UserError(file + ": exists and is not writable");
    }
    return file;
  }

  /** Checks an output directory: if it exists it is a directory, otherwise it can be created. Returns the path. */
  public static Path checkDirectory(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UserError(dir + ": exists and is not a directory");
    }
    Path abs = dir.toAbsolutePath().normalize();
    probe(dir, Files.isDirectory(abs) ? abs : abs.getParent());
    return dir;
  }

  /** Option names whose path values are outputs (besides the {@link Converters.OutputFile}/{@link Converters.OutputDir} types). */
  private static final java.util.Set<String> OUTPUT_OPTIONS = java.util.Set.of("--out", "--output-file", "--output-dir", "--csv", "--plot");

  /** A path argument of the running command: its option name (or positional label) and value. */
  record PathArg(String name, Path path) {}

  /**
   * Refuses (exit 2), before any work, an output path that is one of the command's input paths or
   * another of its outputs (the same file by real path; {@link Files#isSameFile} when both exist):
   * {@code toys --out u.jsonl --plot u.jsonl}, {@code inspect ws.json --output-file ws.json}. Outputs
   * are the values of {@link Converters.OutputFile}/{@link Converters.OutputDir} options and of the
   * options {@code --out, --output-file, --output-dir, --csv, --plot}; every other {@link Path}
   * argument is an input. Every command runs through this check ({@link Main#commandLine}).
   */
  static void checkDistinct(picocli.CommandLine.ParseResult parsed) {
    picocli.CommandLine.ParseResult pr = parsed;
    while (pr.hasSubcommand()) {
      pr = pr.subcommand();
    }
    Console console = Console.of(pr.commandSpec());
    List<PathArg> inputs = new ArrayList<>();
    List<PathArg> outputs = new ArrayList<>();
    for (picocli.CommandLine.Model.ArgSpec a : pr.commandSpec().args()) {
      Object v = a.getValue();
      boolean isOption = a.isOption();
      String name = isOption ? ((picocli.CommandLine.Model.OptionSpec) a).longestName() : a.paramLabel();
      boolean outputOption = isOption && OUTPUT_OPTIONS.contains(name);
      List<Object> values = new ArrayList<>();
      if (v instanceof java.util.Collection<?> c) {
        values.addAll(c);
        if (!outputOption && v instanceof List<?> list) {
          List<Object> once = readOnce(console, name, list);
          if (once.size() < list.size()) {
            a.setValue(once);
            values = once;
          }
        }
      } else if (v != null) {
        values.add(v);
      }
      for (Object x : values) {
        if (x instanceof Converters.OutputFile f) {
          outputs.add(new PathArg(name, f.path()));
        } else if (x instanceof Converters.OutputDir d) {
          outputs.add(new PathArg(name, d.path()));
        } else if (x instanceof Path p) {
          (outputOption ? outputs : inputs).add(new PathArg(name, p));
        }
      }
    }
    for (int i = 0; i < outputs.size(); i++) {
      PathArg o = outputs.get(i);
      for (PathArg in : inputs) {
        if (sameFile(o.path(), in.path())) {
          throw new UserError(o.name() + " " + o.path() + ": is the input " + in.name() + " (" + in.path()
              + "); writing it would destroy the input: choose another path");
        }
      }
      for (int j = 0; j < i; j++) {
        PathArg other = outputs.get(j);
        if (sameFile(o.path(), other.path())) {
          throw new UserError(o.name() + " " + o.path() + ": is also the output of " + other.name()
              + "; give each output its own path");
        }
      }
    }
  }

  /** Event files (LHE, Parquet, CSV, MadMiner HDF5), whose events a second copy would count twice. */
  private static final java.util.regex.Pattern EVENT_FILE =
      java.util.regex.Pattern.compile("(?i).*\\.(lhe|lhe\\.gz|parquet|csv|csv\\.gz|h5|hdf5)$");

  /**
   * The event files of a repeatable argument with each file once (other files — toy journals, study
   * pieces, patches — are checked by the commands that read them): a file given twice (by any spelling
   * of its path) would be read twice — double-counted events — so it is read once with a
   * {@code warning:} line on the command's console, or refused under {@code --strict}.
   */
  static List<Object> readOnce(Console console, String name, List<?> values) {
    List<Object> once = new ArrayList<>();
    for (Object x : values) {
      Object twin = null;
      if (x instanceof Path p && EVENT_FILE.matcher(String.valueOf(p.getFileName())).matches()) {
        for (Object y : once) {
          if (y instanceof Path q && sameFile(p, q)) {
            twin = q;
          }
        }
      }
      if (twin == null) {
        once.add(x);
      } else {
        console.questionable(name + ": " + x + " is given twice" + (twin.toString().equals(x.toString()) ? "" : " (also as " + twin + ")")
            + "; it is read once");
      }
    }
    return once;
  }

  /** Whether two paths name the same file or directory (real paths; {@link Files#isSameFile} when both exist). */
  static boolean sameFile(Path a, Path b) {
    try {
      if (Files.exists(a) && Files.exists(b)) {
        return Files.isSameFile(a, b);
      }
    } catch (IOException e) {
      // compare the real paths below
    }
    return canonical(a).equals(canonical(b));
  }

  /** The real path of the deepest existing ancestor followed by the rest of the path. */
  static Path canonical(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    java.util.ArrayDeque<Path> rest = new java.util.ArrayDeque<>();
    Path e = abs;
    while (e != null && !Files.exists(e)) {
      rest.push(e.getFileName());
      e = e.getParent();
    }
    Path out;
    try {
      out = e == null ? abs.getRoot() : e.toRealPath();
    } catch (IOException ex) {
      return abs;
    }
    while (!rest.isEmpty()) {
      out = out.resolve(rest.pop());
    }
    return out;
  }

  /** Finds the deepest existing ancestor of {@code parent}, requires it to be a writable directory. */
  private static void probe(Path shown, Path parent) {
    Path p = parent;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      throw new UserError(shown + ": no existing parent directory");
    }
    if (!Files.isDirectory(p)) {
      throw new UserError(shown + ": " + p + " is a file, not a directory");
    }
    try {
      Path t = Files.createTempFile(p, ".sumbin-probe", ".tmp");
      Files.delete(t);
    } catch (java.nio.file.AccessDeniedException | SecurityException e) {
      throw new UserError(shown + ": cannot write in " + p + " (permission denied)");
    } catch (IOException e) {
      String why = e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null ? fse.getReason()
          : "the file system refuses new files";
      throw new UserError(shown + ": cannot write in " + p + " (" + why + ")");
    }
  }

  /** {@link #checkFile(Path)} with the option named in the message. */
  public static Path checkFile(Path file, String option) {
    try {
      return checkFile(file);
    } catch (UserError e) {
      throw new UserError(option + " " + e.getMessage());
    }
  }

  /** {@link #checkDirectory(Path)} with the option named in the message. */
  public static Path checkDirectory(Path dir, String option) {
    try {
      return checkDirectory(dir);
    } catch (UserError e) {
      throw new UserError(option + " " + e.getMessage());
    }
  }

  /** Writes one file's content. */
  @FunctionalInterface
  public interface Writer {
    void write(Path tmp) throws IOException;
  }

  /**
   * Writes {@code file} through a temporary file in the same directory that is moved into place
   * (atomically where the file system can); on failure the temporary file is removed and the target is
   * untouched. Missing parent directories are created.
   */
  public static void writeAtomically(Path file, Writer writer) {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = null;
    Path created = null;
    boolean done = false;
    try {
      created = createParents(dir);
      tmp = AtomicFiles.tempBeside(abs);
      writer.write(tmp);
      move(tmp, abs);
      done = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      try {
        if (tmp != null) {
          Files.deleteIfExists(tmp);
        }
        if (!done) {
          removeCreated(created);
        }
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  /**
   * Creates {@code dir} and its missing ancestors; returns the topmost directory it created (null if
   * {@code dir} existed), so that a failed command can remove what it created.
   */
  static Path createParents(Path dir) throws IOException {
    Path top = null;
    for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
      top = p;
    }
    Files.createDirectories(dir);
    return top;
  }

  /** Removes a directory tree made by {@link #createParents} if nothing but directories is in it. */
  static void removeCreated(Path top) throws IOException {
    if (top == null || !Files.isDirectory(top)) {
      return;
    }
    try (Stream<Path> s = Files.walk(top)) {
      if (s.anyMatch(p -> !Files.isDirectory(p))) {
        return;
      }
    }
    deleteTree(top);
  }

  private static void move(Path from, Path to) throws IOException {
    AtomicFiles.keepMode(to, from);
    AtomicFiles.replace(from, to);
  }

  /** Opens a staging directory for the output directory {@code target} (see {@link Staged}). */
  public static Staged stage(Path target) {
    return new Staged(target);
  }

  /**
   * A staging directory beside an output directory: commands write into {@link #dir()}, and
   * {@link #commit()} moves everything into the target (renaming the whole directory when the target
   * does not exist yet, otherwise file by file, replacing files of the same name and keeping others).
   * Closing without a commit deletes the staging directory, so a failed command leaves no output.
   */
  public static final class Staged implements AutoCloseable {
    private final Path given;
    private final Path target;
    private final Path staging;
    private final Path createdParents;
    private boolean committed;

    private Staged(Path target) {
      this.given = target;
      this.target = target.toAbsolutePath().normalize();
      try {
        Path parent = this.target.getParent();
        this.createdParents = createParents(parent);
        // removes the staging directories that killed runs left beside the target
        this.staging = AtomicFiles.stagingDir(this.target);
      } catch (IOException e) {
        throw new UserError(target + ": cannot create a staging directory beside it (" + e.getMessage() + ")");
      }
    }

    /** Where to write. */
    public Path dir() {
      return staging;
    }

    /** The final location of a path inside the staging directory, under the target as given (for messages and JSON output). */
    public Path finalPath(Path inStaging) {
      Path rel = staging.relativize(inStaging.toAbsolutePath().normalize());
      return rel.toString().isEmpty() ? given : given.resolve(rel);
    }

    /** Moves the staged contents into the target; returns the target. */
    public Path commit() {
      try {
        Files.deleteIfExists(staging.resolve(AtomicFiles.OWNER));
        if (!Files.exists(target)) {
          try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
            return target;
          } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            // fall through: merge file by file
          }
        }
        mergeInto(staging, target);
        committed = true;
        deleteTree(staging);
        return target;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot move the output into " + target + ": " + e.getMessage(), e);
      }
    }

    private static void mergeInto(Path from, Path to) throws IOException {
      Files.createDirectories(to);
      List<Path> children = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(from)) {
        ds.forEach(children::add);
      }
      for (Path c : children) {
        Path dest = to.resolve(c.getFileName().toString());
        if (Files.isDirectory(c)) {
          if (Files.exists(dest) && !Files.isDirectory(dest)) {
            Files.delete(dest);
          }
          if (!Files.exists(dest)) {
            try {
              Files.move(c, dest, StandardCopyOption.ATOMIC_MOVE);
              continue;
            } catch (AtomicMoveNotSupportedException e) {
              // merge below
            }
          }
          mergeInto(c, dest);
        } else {
          if (Files.isDirectory(dest)) {
            deleteTree(dest);
          }
          move(c, dest);
        }
      }
    }

    /** Deletes the staging directory unless committed. */
    @Override
    public void close() {
      if (!committed) {
        try {
          deleteTree(staging);
          removeCreated(createdParents);
        } catch (IOException ignored) {
          // best effort: nothing of it is in the target
        }
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    AtomicFiles.deleteTree(root);
  }
}
