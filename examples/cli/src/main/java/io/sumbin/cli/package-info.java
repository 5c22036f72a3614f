/**
 * The {@code sumbin} command line: {@link io.sumbin.cli.Main} maps exceptions to exit codes by type
 * (0 success, 2 bad input, 3 numerical failure, 1 internal error); one class per command, thin adapters
 * that parse options, call one method of the inference facade ({@code io.sumbin.histmodel.inference})
 * or of another module's API, and render text ({@link io.sumbin.cli.Rendering}) or the JSON contracts
 * of DESIGN §6; shared option groups as picocli mixins; output through the injected
 * {@link io.sumbin.cli.Console}, the global options in {@link io.sumbin.cli.GlobalOptions} (no static
 * state). May import every module, but hist-model only through the facade, the family and spec
 * packages and value types (records, enums, interfaces, exceptions): {@code CliLayeringTest}. Plots come
 * from {@code io.sumbin.cli.plot}.
 */
package io.sumbin.cli;
