package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.pyhf.Json;
import io.sumbin.pyhf.WorkspaceIO;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The example files shipped in examples/workspaces are exactly what the generators write. */
class ShippedExamplesTest {
  static Path project() {
    Path here = Paths.get("").toAbsolutePath();
    return here.getFileName().toString().equals("tests") ? here.getParent() : here;
  }

  @Test
  void uncorrelatedBackgroundIsUpToDate() {
    Path shipped = project().resolve("examples/workspaces/uncorrelated_background.json");
    assertThat(Json.readText(shipped))
        .as("regenerate with: java -jar examples/cli/target/sumbin.jar example workspace --out " + shipped)
        .isEqualTo(WorkspaceIO.toText(ExampleModels.uncorrelatedBackground()));
  }
}
