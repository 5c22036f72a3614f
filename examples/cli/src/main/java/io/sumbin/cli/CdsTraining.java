package io.sumbin.cli;

import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.pyhf.WorkspaceIO;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * The training run of sumbin's class-data-sharing (CDS) archive (docs/BENCHMARKS.md, cold start): runs the
 * short commands a user starts most often — {@code --version}, {@code --help}, {@code fit}, {@code hypotest},
 * {@code limit}, {@code inspect} of a small example workspace — in one JVM with their output discarded, so that
 * {@code java -XX:DumpLoadedClassList=sumbin.classlist -cp sumbin.jar io.sumbin.cli.CdsTraining} lists the classes
 * they load. {@code java -Xshare:dump -XX:SharedClassListFile=sumbin.classlist -XX:SharedArchiveFile=sumbin.jsa
 * -cp sumbin.jar} then writes the archive that {@code -XX:SharedArchiveFile=sumbin.jsa -Xshare:auto} maps at every
 * start (see {@code examples/cli/bin/sumbin-jvm.sh}). No networks are trained (DJL stays out of the
 * archive, as it stays out of these commands).
 */
public final class CdsTraining {
  private CdsTraining() {}

  /**
   * Runs the commands; exit code 0 when all of them succeeded.
   *
   * @param args ignored
   */
  public static void main(String[] args) throws IOException {
    Main.configureRuntime();
    Path dir = Files.createTempDirectory("sumbin-cds");
    Path ws = dir.resolve("ws.json");
    int failed = 0;
    try {
      WorkspaceIO.write(ExampleModels.uncorrelatedBackground(), ws);
      String w = ws.toString();
      PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
      System.out.print(""); // the console streams' classes, as a real run loads them
      Main.version();
      for (List<String> run : List.of(List.of("--help"), List.of("fit", w), List.of("fit", w, "--json"),
          List.of("hypotest", w, "--poi-value", "1"), List.of("limit", w), List.of("inspect", w))) {
        String[] a = run.toArray(new String[0]);
        CommandLine cl = Main.commandLine(a);
        cl.setOut(sink);
        cl.setErr(sink);
        if (cl.execute(a) != 0) {
          failed++;
          System.err.println("CDS training run failed: sumbin " + String.join(" ", run));
        }
      }
    } finally {
      Files.deleteIfExists(ws);
      Files.deleteIfExists(dir);
    }
    System.exit(failed == 0 ? 0 : 1);
  }
}
