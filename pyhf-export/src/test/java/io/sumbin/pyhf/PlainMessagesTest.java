package io.sumbin.pyhf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 item 6: input errors in plain words, never Jackson's class or feature names. */
class PlainMessagesTest {
  static InputException bad(String text) {
    return assertThatExceptionOfType(InputException.class).isThrownBy(() -> Json.parse(text, "ws.json")).actual();
  }

  static void noJacksonInternals(String message) {
    assertThat(message).doesNotContain("StreamReadFeature", "StreamReadConstraints", "JsonNode", "DeserializationFeature",
        "com.fasterxml", "`");
  }

  @Test
  void trailingContentAfterTheDocument() {
    InputException e = bad("{\"a\": 1} {\"b\": 2}");
    assertThat(e.getMessage()).contains("ws.json: line 1, column", "more content after the end of the JSON document");
    noJacksonInternals(e.getMessage());
  }

  @Test
  void deepNesting() {
    InputException e = bad("[".repeat(5000) + "]".repeat(5000));
    assertThat(e.getMessage()).contains("ws.json: ", "nested deeper than 1000 levels");
    noJacksonInternals(e.getMessage());
  }

  @Test
  void ordinarySyntaxErrorsKeepTheirWords() {
    InputException e = bad("{\"a\": nope}");
    assertThat(e.getMessage()).contains("ws.json: line 1, column", "Unrecognized token 'nope'");
    noJacksonInternals(e.getMessage());
  }

  @Test
  void binaryAndUtf16FilesAreNotUtf8Json(@TempDir Path dir) throws IOException {
    Path u = dir.resolve("utf16.json");
    Files.writeString(u, "{\"channels\": []}", StandardCharsets.UTF_16);
    InputException e = assertThatExceptionOfType(InputException.class).isThrownBy(() -> Json.read(u)).actual();
    assertThat(e.getMessage()).isEqualTo(u + ": not a UTF-8 JSON file (binary, or another encoding such as UTF-16)");
    Path b = dir.resolve("binary.json");
    Files.write(b, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff});
    assertThat(assertThatExceptionOfType(InputException.class).isThrownBy(() -> Json.read(b)).actual().getMessage())
        .contains("not a UTF-8 JSON file").doesNotContain("Input length");
  }

  @Test
  void aFamilyManifestOfAnotherFormatVersionIsRefused(@TempDir Path dir) throws IOException {
    Path m = dir.resolve("family.json");
    Files.writeString(m, "{\"sumbin_family\": \"9.0\", \"pois\": [\"c\"], \"points\": []}");
    InputException e = assertThatExceptionOfType(InputException.class).isThrownBy(() -> FamilyIO.read(m)).actual();
    assertThat(e.getMessage()).contains("family.json: sumbin_family", "'9.0'", "1.0.x");
    Files.writeString(m, "{\"sumbin_family\": \"2.0.0\", \"pois\": [\"c\"], \"points\": []}");
    assertThat(assertThatExceptionOfType(InputException.class).isThrownBy(() -> FamilyIO.read(m)).actual().getMessage())
        .contains("'2.0.0'", "newer");
  }
}
