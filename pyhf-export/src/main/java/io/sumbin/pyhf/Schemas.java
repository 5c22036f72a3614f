package io.sumbin.pyhf;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.UriSchemaLoader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON-schema validation against pyhf's 1.0.0 schemas and sumbin's own workspace schema, all
 * bundled as class-path resources. The schemas' {@code $id} URLs are mapped to the bundled copies
 * and remote loading is removed from the validator, so validation never touches the network.
 */
public final class Schemas {
  /** pyhf's schema base URL. */
  public static final String PYHF_BASE = "https://scikit-hep.org/pyhf/schemas/1.0.0/";
  /** sumbin's schema base URL. */
  public static final String SUMBIN_BASE = "https://sumbin.io/schemas/1.0.0/";

  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
      SpecVersion.VersionFlag.V6,
      b -> b.jsonMapper(Json.MAPPER) // one mapper per process: a second one costs start-up time
          .schemaMappers(m -> m.mapPrefix(PYHF_BASE, "classpath:io/sumbin/pyhf/schemas/1.0.0/")
              .mapPrefix(SUMBIN_BASE, "classpath:io/sumbin/pyhf/schemas/sumbin/1.0.0/"))
          .schemaLoaders(l -> l.values(list -> list.removeIf(x -> x instanceof UriSchemaLoader))));

  private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

  private Schemas() {}

  /** A schema problem: JSON path (without the leading {@code $.}) and message. */
  public record Problem(String path, String message) {}

  /** The schema at a URL (mapped to the class path), cached. */
  public static JsonSchema schema(String url) {
    return CACHE.computeIfAbsent(url, u -> FACTORY.getSchema(SchemaLocation.of(u)));
  }

  /** pyhf's workspace schema. */
  public static JsonSchema pyhfWorkspace() {
    return schema(PYHF_BASE + "workspace.json");
  }

  /** sumbin's workspace schema (pyhf's plus POI-dependent terms). */
  public static JsonSchema sumbinWorkspace() {
    return schema(SUMBIN_BASE + "workspace.json");
  }

  /** pyhf's patchset schema. */
  public static JsonSchema pyhfPatchset() {
    return schema(PYHF_BASE + "patchset.json");
  }

  /** Validates and returns the problems, most specific (deepest path) first. */
  public static List<Problem> validate(JsonSchema schema, JsonNode node) {
    Set<ValidationMessage> msgs = schema.validate(node);
    List<Problem> out = new ArrayList<>();
    for (ValidationMessage m : msgs) {
      String path = cleanPath(m.getInstanceLocation().toString());
      String text = m.getMessage();
      // the library prefixes messages with the path; keep only the explanation
      int i = text.indexOf(": ");
      if (i > 0 && text.startsWith("$")) {
        text = text.substring(i + 2);
      }
      out.add(new Problem(path, text));
    }
    out.sort(Comparator.comparingInt((Problem p) -> -depth(p.path())).thenComparing(Problem::path));
    return out;
  }

  /** {@code $.channels[0].data} → {@code channels[0].data}; {@code $} → "". */
  static String cleanPath(String p) {
    if (p.startsWith("$.")) {
      return p.substring(2);
    }
    if (p.equals("$")) {
      return "";
    }
    if (p.startsWith("$")) {
      return p.substring(1);
    }
    return p;
  }

  private static int depth(String p) {
    int d = 0;
    for (char c : p.toCharArray()) {
      if (c == '.' || c == '[') {
        d++;
      }
    }
    return p.isEmpty() ? 0 : d + 1;
  }
}
