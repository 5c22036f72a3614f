package io.sumbin.cli;

import io.sumbin.binning.lhe.LheFormatException;
import io.sumbin.binning.lhe.LheReadOptions;
import io.sumbin.binning.lhe.LheSample;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sumbin lhe ...}: Les Houches event files (summary, per-event EFT morphing). */
@Command(name = "lhe", description = "Les Houches event files: summary and per-event quadratic EFT morphing.",
    mixinStandardHelpOptions = true, subcommands = {LheInfoCommand.class, LheEftCommand.class})
public final class LheCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: info or eft");
  }

  /**
   * Reads LHE files as one sample; unreadable or malformed input becomes a one-line {@link UserError}
   * ({@code FILE: line N: what is wrong}).
   */
  static LheSample read(List<Path> files, LheReadOptions options) {
    for (Path f : files) {
      if (!Files.exists(f)) {
        throw new UserError(f + ": no such file");
      }
      if (!Files.isReadable(f) || Files.isDirectory(f)) {
        throw new UserError(f + ": not a readable file");
      }
    }
    try {
      return LheSample.read(files, options);
    } catch (LheFormatException e) {
      throw new UserError(e.getMessage());
    } catch (UncheckedIOException e) {
      throw new UserError(e.getMessage().replace('\n', ' '));
    }
  }
}
