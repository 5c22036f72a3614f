/**
 * The {@code sumbin} command line: {@link io.sumbin.cli.Main} maps exceptions to exit codes by type
 * (0 success, 2 bad input, 3 numerical failure, 1 internal error); one class per command, thin adapters
 * that parse options, call the libraries and render text or the JSON contracts of DESIGN §6; shared
 * option groups as picocli mixins. May import every module; plots come from {@code io.sumbin.cli.plot}.
 */
package io.sumbin.cli;
