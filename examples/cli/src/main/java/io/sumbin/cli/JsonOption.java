package io.sumbin.cli;

import picocli.CommandLine.Option;

/** {@code --json}, one option block for every command that prints one JSON object instead of text. */
public final class JsonOption {
  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  /** Whether {@code --json} was given. */
  public boolean on() {
    return json;
  }
}
