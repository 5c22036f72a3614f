package io.sumbin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * A command is one class plus one line in {@link Main#COMMANDS}, and nothing else: every
 * {@code @Command} class of this package that is neither a subcommand of another command nor a mixin
 * (nor {@link Main}) is listed there exactly once, and each listed command is found by its name,
 * alone ({@link Main#commandLine(String...)} builds only it) and in the full command line, with a help
 * that exits 0, as are its own subcommands. The start-up tables derive from the classes
 * ({@link StartUp#named}, {@link StartUp#readsWorkspace}).
 */
class CommandRegistrationTest {
  private static final JavaClasses CLI = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(Main.class.getPackageName());

  /**
   * The {@code @Command} classes of the package (top-level or nested, not abstract) that are neither
   * {@link Main}, nor a subcommand of another command, nor a mixin: those must be in {@link Main#COMMANDS}.
   */
  static Set<String> commandsToList() {
    Set<String> subcommandsOrMixins = new HashSet<>();
    for (JavaClass c : CLI) {
      Class<?> k = c.reflect();
      Command cmd = k.getAnnotation(Command.class);
      if (cmd != null) {
        for (Class<?> s : cmd.subcommands()) {
          subcommandsOrMixins.add(s.getName());
        }
      }
      for (JavaField f : c.getFields()) {
        if (f.isAnnotatedWith(Mixin.class)) {
          subcommandsOrMixins.add(f.getRawType().getName());
        }
      }
    }
    Set<String> top = new TreeSet<>();
    for (JavaClass c : CLI) {
      if (c.getPackageName().equals(Main.class.getPackageName()) && c.isAnnotatedWith(Command.class)
          && !c.isEquivalentTo(Main.class) && !c.getModifiers().contains(JavaModifier.ABSTRACT)
          && !subcommandsOrMixins.contains(c.getName())) {
        top.add(c.getName());
      }
    }
    return top;
  }

  @Test
  void everyCommandClassIsListedOnce() {
    List<String> listed = Main.COMMANDS.stream().map(Class::getName).toList();
    assertThat(listed).as("Main.COMMANDS").doesNotHaveDuplicates();
    Set<String> toList = commandsToList();
    assertThat(toList).as("@Command classes to list found (a sanity bound)").hasSizeGreaterThanOrEqualTo(30)
        .contains(FitCommand.class.getName(), TrainCommand.class.getName(), BenchCommand.class.getName(),
            WorkspaceToolCommands.Inspect.class.getName())
        .doesNotContain(Console.class.getName(), LheInfoCommand.class.getName(), BenchCommand.Fit.class.getName(),
            Main.class.getName());
    assertThat(new TreeSet<>(listed)).as("Main.COMMANDS versus the @Command classes of the package").isEqualTo(toList);
  }

  @Test
  void everyListedCommandIsReachedByNameWithAHelpThatExitsZero() {
    Set<String> names = new HashSet<>();
    for (Class<?> c : Main.COMMANDS) {
      String name = c.getAnnotation(Command.class).name();
      assertThat(names.add(name)).as("command name '%s' used once", name).isTrue();
      assertThat(StartUp.named(Main.COMMANDS, new String[] {"--debug", name, "x"})).as("StartUp.named(%s)", name).isEqualTo(c);
      CommandLine alone = Main.commandLine(name, "--help");
      assertThat(alone.getSubcommands().keySet()).as("built for '%s'", name).containsExactly(name);
      assertThat(alone.getSubcommands().get(name).getCommandSpec().userObject()).isInstanceOf(c);
      List<List<String>> paths = new ArrayList<>();
      walk(alone.getSubcommands().get(name), List.of(name), paths);
      for (List<String> p : paths) {
        List<String> args = new ArrayList<>(p);
        args.add("--help");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(args.toArray(String[]::new));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args.toArray(String[]::new));
        assertThat(code).as("exit code of %s: %s", args, err).isZero();
        assertThat(out.toString()).as("help of %s", args).contains("Usage: sumbin " + String.join(" ", p));
      }
    }
    assertThat(Main.commandLine().getSubcommands().keySet()).as("the full command line").containsAll(names);
  }

  private static void walk(CommandLine cl, List<String> path, List<List<String>> out) {
    out.add(path);
    for (var e : cl.getSubcommands().entrySet()) {
      if (!e.getKey().equals("help") && e.getValue().getCommandName().equals(e.getKey())) { // aliases once
        List<String> p = new ArrayList<>(path);
        p.add(e.getKey());
        walk(e.getValue(), p, out);
      }
    }
  }
}
