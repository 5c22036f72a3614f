package io.sumbin.cli;

import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.pyhf.WorkspaceIO;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    @Mixin
    Console console;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory: the family manifest and its point files")
    Converters.OutputDir out;

    @Option(names = "--points", paramLabel = "N", defaultValue = "41", converter = Converters.GridSize.class,
        description = "scan points on [-1, 1] (default ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--truth", paramLabel = "THETA", defaultValue = "0.3", description = "truth of the observed pseudo-data, in [-10, 10] (default ${DEFAULT-VALUE})")
    double truth;

    @Mixin
    JsonOption json;

    @Mixin
    SeedOption seed;

    @Override
    public Integer call() {
      if (points < 2) {
        throw new UserError("--points must be at least 2");
      }
      if (Math.abs(truth) > 10) {
        throw new UserError("--truth " + truth + ": the example's pseudo-data need |THETA| <= 10");
      }
      io.sumbin.examples.toys.QuadraticToy toy = io.sumbin.examples.toys.QuadraticToy.example();
      io.sumbin.histmodel.family.ModelFamily fam = toy.observedFamily(-1, 1, points, truth, seed.orElse(42));
      Path manifest;
      try (Outputs.Staged stage = Outputs.stage(out.path())) {
        Path staged = io.sumbin.pyhf.FamilyIO.write(fam, stage.dir());
        stage.commit();
        manifest = stage.finalPath(staged);
      }
      if (json.on()) {
        com.fasterxml.jackson.databind.node.ObjectNode o = CliSupport.F.objectNode();
        o.put("manifest", manifest.toString());
        o.put("points", points);
        CliSupport.printJson(console.out(), o);
      } else {
        console.out().println("wrote " + manifest);
      }
      return 0;
    }
  }

  /** {@code sumbin example workspace --out FILE}. */
  @Command(name = "workspace", description = "Write the house example pyhf workspace (uncorrelated background, two bins).",
      mixinStandardHelpOptions = true)
  public static final class WorkspaceCmd implements Callable<Integer> {
    @Mixin
    Console console;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "workspace file to write")
    Converters.OutputFile out;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
      WorkspaceIO.write(ExampleModels.uncorrelatedBackground(), out.path());
      if (json.on()) {
        com.fasterxml.jackson.databind.node.ObjectNode o = CliSupport.F.objectNode();
        o.put("workspace", out.toString());
        CliSupport.printJson(console.out(), o);
      } else {
        console.out().println("wrote " + out);
      }
      return 0;
    }
  }
}
