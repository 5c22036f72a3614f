package io.sumbin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.pyhf.WorkspaceIO;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --output-file F} and {@code --json} of the commands that produce a workspace (prune, rename,
 * combine, sort, patchset apply): one option block, one way to write the result.
 */
public final class WorkspaceOutput {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--output-file", paramLabel = "F", description = "write the workspace here (default: print it)")
  Converters.OutputFile outputFile;

  @Option(names = "--json", description = "print the result as one compact JSON line (with --output-file: {output_file, sha256})")
  boolean json;

  /** Validates and writes (or prints) {@code ws}; read as pyhf does, its warnings on stderr. */
  void emit(JsonNode ws, String what) {
    WorkspaceToolCommands.emit(Console.of(spec), ws, outputFile, what, json);
  }

  /** {@link #emit(JsonNode, String)} validating with {@code strictness}. */
  void emit(JsonNode ws, String what, WorkspaceIO.Strictness strictness) {
    WorkspaceToolCommands.emit(Console.of(spec), ws, outputFile, what, json, strictness);
  }
}
