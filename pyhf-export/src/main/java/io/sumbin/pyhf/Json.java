package io.sumbin.pyhf;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Shared Jackson configuration: strict parsing (duplicate keys rejected, NaN/Infinity tokens
 * accepted so that they can be reported precisely), deterministic pretty printing, and atomic
 * file writes (a temporary file moved into place, so a failed write leaves nothing half-written).
 */
public final class Json {
  /** The mapper used for all sumbin JSON. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final ObjectWriter PRETTY;

  static {
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
    pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    pp.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    PRETTY = MAPPER.writer(pp);
  }

  private Json() {}

  /** Parses text; malformed JSON → {@link InputException} with line and column. */
  public static JsonNode parse(String text, String source) {
    try {
      JsonNode n = MAPPER.readTree(text);
      if (n == null || n.isMissingNode()) {
        throw new InputException(source, "line 1, column 1", "empty document");
      }
      return n;
    } catch (JsonProcessingException e) {
      String loc = e.getLocation() == null ? ""
          : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new InputException(source, loc, "malformed JSON: " + plain(e));
    }
  }

  private static final java.util.regex.Pattern DEPTH =
      java.util.regex.Pattern.compile("nesting depth \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");
  private static final java.util.regex.Pattern LENGTH =
      java.util.regex.Pattern.compile("(Number value|String value|Name) length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");

  /**
   * A Jackson parse error in plain words, without Jackson's class and feature names
   * ({@code StreamReadConstraints.getMaxNestingDepth()}, {@code JsonNode}, {@code StreamReadFeature...}).
   */
  public static String plain(JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage()).replaceAll("[\\r\\n]+", " ");
    java.util.regex.Matcher d = DEPTH.matcher(m);
    if (d.find()) {
      return "nested deeper than " + d.group(2) + " levels (arrays and objects inside each other)";
    }
    java.util.regex.Matcher l = LENGTH.matcher(m);
    if (l.find()) {
      String what = switch (l.group(1)) {
        case "Number value" -> "a number of " + l.group(2) + " characters";
        case "String value" -> "a string of " + l.group(2) + " characters";
        default -> "a key of " + l.group(2) + " characters";
      };
      return what + " exceeds the limit of " + l.group(3);
    }
    if (m.startsWith("Trailing token")) {
      return "more content after the end of the JSON document";
    }
    return m.replaceAll("\\s*\\([^()]*`[^`]*`[^()]*\\)", "").replaceAll("`[^`]*`", "").replaceAll("\\s+at \\[Source:.*$", "").strip();
  }

  /** Reads and parses a file. */
  public static JsonNode read(Path file) {
    return parse(readText(file), file.toString());
  }

  /** Reads a UTF-8 text file; missing/unreadable → {@link InputException}. */
  public static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InputException(file.toString(), "", "no such file");
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InputException(file.toString(), "", "not a UTF-8 JSON file (binary, or another encoding such as UTF-16)");
    } catch (IOException e) {
      throw new InputException(file.toString(), "", "cannot read: " + e.getMessage());
    }
  }

  /** Pretty-printed text with a trailing newline (deterministic). */
  public static String pretty(JsonNode node) {
    try {
      return PRETTY.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise JSON", e);
    }
  }

  /** Compact one-line text. */
  public static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise JSON", e);
    }
  }

  /**
   * Puts a number, {@code null} where it is not finite: JSON has no NaN or infinity, and sumbin's result
   * files mark an undefined number (an open interval edge, a failed fit) by null, read back as NaN.
   */
  public static void putNumber(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  /** Appends a number to an array, {@code null} where it is not finite (as {@link #putNumber}). */
  public static void addNumber(ArrayNode a, double v) {
    if (Double.isFinite(v)) {
      a.add(v);
    } else {
      a.addNull();
    }
  }

  /** An array of numbers, {@code null} where one is not finite (as {@link #putNumber}). */
  public static ArrayNode numbers(double... v) {
    ArrayNode a = MAPPER.createArrayNode();
    for (double x : v) {
      addNumber(a, x);
    }
    return a;
  }

  /** Writes text atomically (temporary file in the same directory, then moved into place). */
  public static void writeAtomically(Path file, String text) throws IOException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    // the umask's mode for a new file, the old file's mode on replacement (AtomicFiles)
    Path tmp = io.sumbin.histmodel.util.AtomicFiles.tempBeside(abs);
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      io.sumbin.histmodel.util.AtomicFiles.replace(tmp, abs);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
