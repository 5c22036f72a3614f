package io.sumbin.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * The JIT setting of commands whose hot code is many small, different units of work (a study's cells
 * compile thousands of small models): from here on no method is compiled by C2, only by C1 — the same
 * as {@code -XX:TieredStopAtLevel=1} for the rest of the process, set from inside it through the JVM's
 * compiler directives (the {@code Compiler.directives_add} diagnostic command). C2's compilations of the
 * model compiler and the fitter take longer than their faster code saves in such a process
 * (docs/BENCHMARKS.md, "Long commands"). Results do not depend on it (Java's floating point is the same
 * in every tier). Only in sumbin's own process ({@link Main#main}); {@code -Dsumbin.c2=true} (or a JVM without the
 * diagnostic command) leaves the JIT as it is.
 */
final class JitTuning {
  private JitTuning() {}

  /**
   * Set by {@link Main#main}: the JVM is this command's own process. A command run inside another program
   * (tests, an embedding application) leaves that JVM's JIT alone, since the directive lasts for the whole JVM.
   */
  static volatile boolean ownProcess;

  private static final String DIRECTIVES = "[{ match: \"*.*\", c2: { Exclude: true } }]\n";

  /** Excludes C2 for every method compiled from now on; silently nothing when it cannot. */
  static void c1Only() {
    if (!ownProcess || Boolean.getBoolean("sumbin.c2")) {
      return;
    }
    Path f = null;
    try {
      f = Files.createTempFile("sumbin-jit", ".json");
      Files.writeString(f, DIRECTIVES);
      ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
          "compilerDirectivesAdd", new Object[] {new String[] {f.toString()}}, new String[] {String[].class.getName()});
    } catch (Exception | LinkageError e) {
      // a JVM without the diagnostic command or the management module: the default JIT
    } finally {
      if (f != null) {
        try {
          Files.deleteIfExists(f);
        } catch (Exception e) {
          // a temporary file left behind is harmless
        }
      }
    }
  }
}
