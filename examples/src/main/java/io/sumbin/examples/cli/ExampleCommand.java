package io.sumbin.examples.cli;

import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.pyhf.WorkspaceIO;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sumbin example ...}: writes the built-in example inputs. */
@Command(name = "example", description = "Write built-in example inputs.", mixinStandardHelpOptions = true,
    subcommands = {ExampleCommand.WorkspaceCmd.class})
public final class ExampleCommand {

  /** {@code sumbin example workspace --out FILE}. */
  @Command(name = "workspace", description = "Write the house example pyhf workspace (uncorrelated background, two bins).",
      mixinStandardHelpOptions = true)
  public static final class WorkspaceCmd implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Override
    public Integer call() {
      WorkspaceIO.write(ExampleModels.uncorrelatedBackground(), out);
      System.out.println("wrote " + out);
      return 0;
    }
  }
}
