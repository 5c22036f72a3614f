package io.sumbin.pyhf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 6902 semantics as pyhf applies patches (Python's jsonpatch 1.33): every case below was run
 * through {@code jsonpatch.apply_patch} and its outcome recorded here — the resulting document, or
 * an error (with the index of the failing operation).
 */
class JsonPatchSemanticsTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("add to object", "{\"a\":{\"b\":1}}", "[{\"op\":\"add\",\"path\":\"/a/c\",\"value\":2}]", "{\"a\":{\"b\":1,\"c\":2}}"),
        Arguments.of("add replaces a member", "{\"a\":{\"b\":1}}", "[{\"op\":\"add\",\"path\":\"/a/b\",\"value\":2}]", "{\"a\":{\"b\":2}}"),
        Arguments.of("add, missing parent", "{\"a\":{}}", "[{\"op\":\"add\",\"path\":\"/x/y\",\"value\":2}]", "error 0"),
        Arguments.of("add at the array end", "{\"a\":[1,2]}", "[{\"op\":\"add\",\"path\":\"/a/2\",\"value\":3}]", "{\"a\":[1,2,3]}"),
        Arguments.of("add with -", "{\"a\":[1,2]}", "[{\"op\":\"add\",\"path\":\"/a/-\",\"value\":3}]", "{\"a\":[1,2,3]}"),
        Arguments.of("add beyond the end", "{\"a\":[1,2]}", "[{\"op\":\"add\",\"path\":\"/a/5\",\"value\":3}]", "error 0"),
        Arguments.of("leading zero index", "{\"a\":[1,2]}", "[{\"op\":\"add\",\"path\":\"/a/01\",\"value\":3}]", "error 0"),
        Arguments.of("negative index", "{\"a\":[1,2]}", "[{\"op\":\"add\",\"path\":\"/a/-1\",\"value\":3}]", "error 0"),
        Arguments.of("remove a missing member", "{\"a\":{\"b\":1}}", "[{\"op\":\"remove\",\"path\":\"/a/c\"}]", "error 0"),
        Arguments.of("remove a missing index", "{\"a\":[1]}", "[{\"op\":\"remove\",\"path\":\"/a/3\"}]", "error 0"),
        Arguments.of("remove", "{\"a\":[1,2]}", "[{\"op\":\"remove\",\"path\":\"/a/0\"}]", "{\"a\":[2]}"),
        Arguments.of("replace a missing member", "{\"a\":{\"b\":1}}", "[{\"op\":\"replace\",\"path\":\"/a/c\",\"value\":1}]", "error 0"),
        Arguments.of("replace the root", "{\"a\":1}", "[{\"op\":\"replace\",\"path\":\"\",\"value\":[1]}]", "[1]"),
        Arguments.of("test: 1 equals 1.0", "{\"a\":1}", "[{\"op\":\"test\",\"path\":\"/a\",\"value\":1.0}]", "{\"a\":1}"),
        Arguments.of("test fails", "{\"a\":1}", "[{\"op\":\"test\",\"path\":\"/a\",\"value\":2}]", "error 0"),
        Arguments.of("move into own child", "{\"a\":{\"b\":{}}}", "[{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/a/b/c\"}]", "error 0"),
        Arguments.of("move", "{\"a\":{\"b\":1},\"c\":{}}", "[{\"op\":\"move\",\"from\":\"/a/b\",\"path\":\"/c/d\"}]", "{\"a\":{},\"c\":{\"d\":1}}"),
        Arguments.of("copy", "{\"a\":[1],\"c\":{}}", "[{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/c/d\"}]", "{\"a\":[1],\"c\":{\"d\":[1]}}"),
        Arguments.of("unknown op", "{\"a\":1}", "[{\"op\":\"frob\",\"path\":\"/a\"}]", "error 0"),
        Arguments.of("no path", "{\"a\":1}", "[{\"op\":\"add\",\"value\":1}]", "error 0"),
        Arguments.of("no value", "{\"a\":1}", "[{\"op\":\"add\",\"path\":\"/b\"}]", "error 0"),
        Arguments.of("~0 and ~1 escapes", "{\"a/b\":1,\"m~n\":2}",
            "[{\"op\":\"remove\",\"path\":\"/a~1b\"},{\"op\":\"replace\",\"path\":\"/m~0n\",\"value\":3}]", "{\"m~n\":3}"),
        Arguments.of("numeric key of an object", "{\"a\":{\"0\":1}}", "[{\"op\":\"replace\",\"path\":\"/a/0\",\"value\":5}]", "{\"a\":{\"0\":5}}"),
        Arguments.of("word as array index", "{\"a\":[1]}", "[{\"op\":\"replace\",\"path\":\"/a/x\",\"value\":5}]", "error 0"),
        Arguments.of("second operation fails", "{\"a\":[1]}",
            "[{\"op\":\"add\",\"path\":\"/a/-\",\"value\":2},{\"op\":\"remove\",\"path\":\"/b\"}]", "error 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void agreesWithPythonJsonpatch(String name, String doc, String patch, String expected) {
    JsonNode d = Json.parse(doc, "doc");
    JsonNode p = Json.parse(patch, "patch");
    if (expected.startsWith("error")) {
      int index = Integer.parseInt(expected.substring(6));
      assertThatThrownBy(() -> JsonPatch.apply(d, p))
          .isInstanceOf(JsonPatch.Failure.class)
          .satisfies(e -> assertThat(((JsonPatch.Failure) e).index()).isEqualTo(index))
          .hasMessageStartingWith("operation " + index);
      assertThat(d).as("the input is never modified").isEqualTo(Json.parse(doc, "doc"));
    } else {
      assertThat(JsonPatch.apply(d, p)).isEqualTo(Json.parse(expected, "expected"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failureNamesThePointer(String name, String doc, String patch, String expected) {
    if (!expected.startsWith("error") || name.equals("no path") || name.equals("unknown op")) {
      return;
    }
    JsonNode p = Json.parse(patch, "patch");
    int index = Integer.parseInt(expected.substring(6));
    assertThatThrownBy(() -> JsonPatch.apply(Json.parse(doc, "doc"), p))
        .hasMessageContaining("'" + p.get(index).get("op").asText() + "' at \"" + p.get(index).path("path").asText() + "\"");
  }
}
