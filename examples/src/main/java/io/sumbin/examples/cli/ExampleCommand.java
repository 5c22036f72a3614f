package io.sumbin.examples.cli;

import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.pyhf.WorkspaceIO;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sumbin example ...}: writes the built-in example inputs. */
@Command(name = "example", description = "Write built-in example inputs.", mixinStandardHelpOptions = true,
    subcommands = {ExampleCommand.WorkspaceCmd.class, ExampleCommand.FamilyCmd.class})
public final class ExampleCommand {

  /**
   * {@code sumbin example family --out DIR}: the quadratic two-template toy family (a POI θ with
   * 1 + θu + θ²u² dependence, per-point optimal-observable binning), observed data one seeded
   * pseudo-experiment.
   */
  @Command(name = "family", description = "Write the example per-scan-point family (analytic quadratic toy) and its manifest.",
      mixinStandardHelpOptions = true)
  public static final class FamilyCmd implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--points", paramLabel = "N", defaultValue = "41", description = "scan points on [-1, 1] (default ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--truth", paramLabel = "THETA", defaultValue = "0.3", description = "truth of the observed pseudo-data (default ${DEFAULT-VALUE})")
    double truth;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42")
    long seed;

    @Override
    public Integer call() {
      if (points < 2) {
        throw new UserError("--points must be at least 2");
      }
      io.sumbin.examples.toys.QuadraticToy toy = io.sumbin.examples.toys.QuadraticToy.example();
      Path manifest = io.sumbin.pyhf.FamilyIO.write(toy.observedFamily(-1, 1, points, truth, seed), out);
      if (json) {
        com.fasterxml.jackson.databind.node.ObjectNode o = CliSupport.F.objectNode();
        o.put("manifest", manifest.toString());
        o.put("points", points);
        CliSupport.printJson(System.out, o);
      } else {
        System.out.println("wrote " + manifest);
      }
      return 0;
    }
  }

  /** {@code sumbin example workspace --out FILE}. */
  @Command(name = "workspace", description = "Write the house example pyhf workspace (uncorrelated background, two bins).",
      mixinStandardHelpOptions = true)
  public static final class WorkspaceCmd implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
      WorkspaceIO.write(ExampleModels.uncorrelatedBackground(), out);
      if (json) {
        com.fasterxml.jackson.databind.node.ObjectNode o = CliSupport.F.objectNode();
        o.put("workspace", out.toString());
        CliSupport.printJson(System.out, o);
      } else {
        System.out.println("wrote " + out);
      }
      return 0;
    }
  }
}
