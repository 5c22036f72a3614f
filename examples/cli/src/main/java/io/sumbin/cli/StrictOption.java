package io.sumbin.cli;

import picocli.CommandLine.Option;

/**
 * {@code --strict} on the commands where it has an effect: those that read workspaces (what pyhf
 * accepts is refused instead of read with a warning) or event files (a file given twice is refused
 * instead of read once). {@code sumbin --strict COMMAND} (the root's option, {@link GlobalOptions})
 * means the same; {@link Console#strict()} joins the two.
 */
public final class StrictOption {
  @Option(names = "--strict",
      description = "refuse (exit 2) what sumbin otherwise reads with a warning on stderr: in workspaces what pyhf accepts "
          + "(config settings for names that are not parameters of the model, negative shapesys uncertainties, "
          + "observations of channels the model lacks), an event file given twice")
  boolean on;
}
