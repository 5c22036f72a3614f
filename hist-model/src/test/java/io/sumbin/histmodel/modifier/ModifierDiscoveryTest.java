package io.sumbin.histmodel.modifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery of modifier descriptors through {@code META-INF/services}: a directory standing for a
 * third-party jar is put on a class loader of its own, so that the global registry of the other
 * tests is not changed (the class-path route end to end, through the CLI, is {@code tests/.../ModifierJarCliTest}).
 */
class ModifierDiscoveryTest {
  private static final String SERVICES = "META-INF/services/" + ModifierKind.class.getName();

  @TempDir
  Path jar;

  private URLClassLoader loaderWith(String... lines) throws IOException {
    Path f = jar.resolve(SERVICES);
    Files.createDirectories(f.getParent());
    Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void servicesLinesAreFoundInTypeOrderWithoutBeingRegistered() throws IOException {
    try (URLClassLoader l = loaderWith("# two descriptors, listed out of order", Zeta.class.getName(), Alpha.class.getName())) {
      List<ModifierKind> found = ModifierRegistry.discover(l);
      assertThat(found).extracting(ModifierKind::type).as("types found, in type order").containsExactly("alpha", "zeta");
      assertThat(found.get(0)).isInstanceOf(Alpha.class);
    }
    assertThat(ModifierRegistry.get("alpha")).as("discover does not register").isNull();
    assertThat(ModifierRegistry.kinds().keySet()).as("the registry of this module's class path: pyhf's seven only")
        .containsExactly("histosys", "lumi", "normfactor", "normsys", "shapefactor", "shapesys", "staterror");
  }

  @Test
  void aBrokenLineIsRefusedNamingTheClass() throws IOException {
    try (URLClassLoader l = loaderWith("com.example.NoSuchKind")) {
      assertThatThrownBy(() -> ModifierRegistry.discover(l))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("modifier extension on the class path")
          .hasMessageContaining("com.example.NoSuchKind");
    }
  }

  @Test
  void aFoundTypeThatIsAlreadyRegisteredByAnotherClassIsRefused() throws IOException {
    try (URLClassLoader l = loaderWith(Impostor.class.getName())) {
      assertThatThrownBy(() -> ModifierRegistry.loadExtensions(l))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("modifier type 'normsys' is already registered by " + NormSysKind.class.getName());
    }
    assertThat(ModifierRegistry.get("normsys")).isInstanceOf(NormSysKind.class);
  }

  /** A descriptor that is only ever discovered, never used: type {@code alpha}. */
  public static class Alpha implements ModifierKind {
    /** For {@link java.util.ServiceLoader}. */
    public Alpha() {}

    @Override
    public String type() {
      return "alpha";
    }

    @Override
    public ModifierSpec read(String name, ModifierData data) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object write(ModifierSpec spec) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ModifierBuilder newBuilder(ModifierSettings settings) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Constraint constraint() {
      return Constraint.NONE;
    }
  }

  /** Type {@code zeta}. */
  public static final class Zeta extends Alpha {
    /** For {@link java.util.ServiceLoader}. */
    public Zeta() {}

    @Override
    public String type() {
      return "zeta";
    }
  }

  /** Claims a built-in's type. */
  public static final class Impostor extends Alpha {
    /** For {@link java.util.ServiceLoader}. */
    public Impostor() {}

    @Override
    public String type() {
      return "normsys";
    }
  }
}
