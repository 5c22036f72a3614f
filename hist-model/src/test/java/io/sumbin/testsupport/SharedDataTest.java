package io.sumbin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** Missing shared material skips a test on a developer machine and fails it under CI=true. */
class SharedDataTest {
  @TempDir Path dir;
  private String saved;

  @BeforeEach
  void pointAtTempDir() throws IOException {
    saved = System.getProperty(SharedData.PROPERTY);
    System.setProperty(SharedData.PROPERTY, dir.toString());
    Files.createDirectories(dir.resolve("pyhf/workspaces"));
    Files.writeString(dir.resolve("pyhf/workspaces/a.json"), "{}");
  }

  @AfterEach
  void restore() {
    if (saved == null) {
      System.clearProperty(SharedData.PROPERTY);
    } else {
      System.setProperty(SharedData.PROPERTY, saved);
    }
  }

  @Test
  void presentMaterialIsFound() {
    assertThat(SharedData.root()).as("root from the system property").isEqualTo(dir);
    assertThat(SharedData.workspace("a")).as("an existing workspace").isEqualTo(dir.resolve("pyhf/workspaces/a.json"));
    assertThat(SharedData.list("pyhf/workspaces", p -> true)).as("listing").containsExactly(dir.resolve("pyhf/workspaces/a.json"));
  }

  @Test
  void missingMaterialSkipsOrFailsUnderCi() {
    Throwable t = catchThrowable(() -> SharedData.lhe("nothing.lhe.gz"));
    if (SharedData.underCi()) {
      assertThat(t).as("missing file under CI=true").isInstanceOf(AssertionError.class).hasMessageContaining("nothing.lhe.gz");
    } else {
      assertThat(t).as("missing file outside CI").isInstanceOf(TestAbortedException.class).hasMessageContaining("nothing.lhe.gz");
    }
    Throwable empty = catchThrowable(() -> SharedData.list("pyhf/workspaces", p -> false));
    assertThat(empty).as("an empty listing is missing material too")
        .isInstanceOf(SharedData.underCi() ? AssertionError.class : TestAbortedException.class);
  }
}
