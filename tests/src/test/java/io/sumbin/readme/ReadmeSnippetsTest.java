package io.sumbin.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of README.md is a tagged region of a test source that compiles (and
 * mostly runs): the block must carry a {@code <!-- snippet: FILE#TAG -->} line right before it and
 * equal the regions of FILE between {@code // tag::TAG[]} and {@code // end::TAG[]} (each dedented,
 * separated by one blank line; lines with any tag marker left out). {@code docs/readme/snippets.py}
 * rewrites the blocks by the same rule.
 */
class ReadmeSnippetsTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern MARKER = Pattern.compile("^<!-- snippet: (\\S+)#([\\w.-]+) -->\\s*$");
  private static final Pattern TAG = Pattern.compile("//\\s*(tag|end)::([\\w.-]+)\\[\\]");

  /** A java block of the README: its first line (1-based), marker (or null) and text. */
  record Block(int line, String file, String tag, String text) {}

  static List<Block> javaBlocks(List<String> lines) {
    List<Block> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```java")) {
        continue;
      }
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).strip().equals("```")) {
        end++;
      }
      Matcher m = i > 0 ? MARKER.matcher(lines.get(i - 1)) : null;
      boolean marked = m != null && m.matches();
      out.add(new Block(i + 1, marked ? m.group(1) : null, marked ? m.group(2) : null,
          String.join("\n", lines.subList(i + 1, end))));
      i = end;
    }
    return out;
  }

  /** The tagged regions of a source file, dedented and joined by one blank line. */
  static String regions(Path source, String tag) throws IOException {
    List<List<String>> regions = new ArrayList<>();
    List<String> current = null;
    for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
      Matcher m = TAG.matcher(line);
      if (m.find()) {
        if (m.group(2).equals(tag)) {
          if (m.group(1).equals("tag")) {
            current = new ArrayList<>();
          } else if (current != null) {
            regions.add(current);
            current = null;
          }
        }
        continue;
      }
      if (current != null) {
        current.add(line);
      }
    }
    assertThat(current).as(source + ": tag '" + tag + "' not closed").isNull();
    assertThat(regions).as(source + ": no region tagged '" + tag + "'").isNotEmpty();
    List<String> parts = new ArrayList<>();
    for (List<String> r : regions) {
      parts.add(String.join("\n", dedent(r)));
    }
    return String.join("\n\n", parts);
  }

  private static List<String> dedent(List<String> lines) {
    int cut = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      out.add(l.isBlank() ? "" : l.substring(cut).stripTrailing());
    }
    while (!out.isEmpty() && out.get(0).isEmpty()) {
      out.remove(0);
    }
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  @Test
  void everyJavaBlockIsATaggedRegionOfATestSource() throws IOException {
    List<Block> blocks = javaBlocks(Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8));
    assertThat(blocks).as("README.md has java blocks").isNotEmpty();
    for (Block b : blocks) {
      assertThat(b.file())
          .as("README.md:" + b.line() + ": java block without a <!-- snippet: FILE#TAG --> line before it")
          .isNotNull();
      Path source = ROOT.resolve(b.file());
      assertThat(source).as("README.md:" + b.line() + ": snippet source").isRegularFile();
      assertThat(b.file()).as("README.md:" + b.line() + ": snippets live in compiled test sources")
          .startsWith("tests/src/test/java/").endsWith(".java");
      assertThat(b.text())
          .as("README.md:" + b.line() + " differs from " + b.file() + "#" + b.tag()
              + " (run docs/readme/snippets.py to copy the sources into the README)")
          .isEqualTo(regions(source, b.tag()));
    }
  }

  @Test
  void theCheckerNoticesAnEditedBlockAndAMissingMarker() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    Block first = javaBlocks(lines).get(0);
    List<String> edited = new ArrayList<>(lines);
    edited.set(first.line(), edited.get(first.line()) + " // edited");
    Block b = javaBlocks(edited).get(0);
    assertThat(b.text()).isNotEqualTo(regions(ROOT.resolve(b.file()), b.tag()));
    edited.remove(first.line() - 2); // the marker line
    assertThat(javaBlocks(edited).get(0).file()).isNull();
  }
}
