package io.sumbin.pyhf;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * pyhf's workspace digest ({@code pyhf.utils.digest}, {@code pyhf digest}): the hash (SHA-256 by
 * default) of {@code json.dumps(obj, sort_keys=True, ensure_ascii=False).encode("utf8")}. Patch
 * sets carry the digest of their background-only workspace and pyhf refuses to apply them to
 * anything else, so sumbin reproduces Python's serialisation exactly: ", " and ": " separators,
 * keys sorted, non-ASCII characters as they are, integers as integers and floats in Python's
 * shortest round-trip {@code repr} ({@code 50.0}, {@code 1e-10}, {@code 1.5e+16}).
 *
 * <p>It is also sumbin's model identity: toy journals and study pieces record the digest of the
 * (patched) workspace they were made from and refuse to resume or merge with another.
 */
public final class PyhfDigest {
  private PyhfDigest() {}

  /** Hex SHA-256 digest as pyhf computes it. */
  public static String sha256(JsonNode node) {
    return digest(node, "sha256");
  }

  /** pyhf's digest of a JSON file (as {@code pyhf digest FILE}). @throws InputException if unreadable or malformed */
  public static String sha256(java.nio.file.Path file) {
    return sha256(Json.read(file));
  }

  /**
   * Hex digest with one of Python's hashlib names ({@code sha256}, {@code sha1}, {@code md5},
   * {@code sha512}, {@code sha3_256}, ...).
   *
   * @throws io.sumbin.histmodel.BadInputException for an algorithm the JVM does not provide
   */
  public static String digest(JsonNode node, String algorithm) {
    try {
      MessageDigest md = MessageDigest.getInstance(javaAlgorithm(algorithm));
      byte[] h = md.digest(pythonJson(node).getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (byte b : h) {
        sb.append(String.format(Locale.ROOT, "%02x", b & 0xff));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new io.sumbin.histmodel.BadInputException(unknown(algorithm));
    }
  }

  /** hashlib name → JCA name: sha256 → SHA-256, sha3_256 → SHA3-256, md5 → MD5. */
  static String javaAlgorithm(String hashlib) {
    String a = hashlib.toLowerCase(Locale.ROOT);
    if (a.matches("sha(1|224|256|384|512)")) {
      return "SHA-" + a.substring(3);
    }
    if (a.matches("sha3_(224|256|384|512)")) {
      return "SHA3-" + a.substring(5);
    }
    return a.toUpperCase(Locale.ROOT);
  }

  /** {@code json.dumps(node, sort_keys=True, ensure_ascii=False)}. */
  public static String pythonJson(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    write(node, sb);
    return sb.toString();
  }

  /**
   * {@code json.dumps(node, indent=indent, sort_keys=True)} with Python's formatting (what pyhf's
   * {@code prune}, {@code rename}, {@code combine}, {@code sort} and {@code patchset apply} print;
   * non-ASCII characters escaped as \\uXXXX, as Python's default ensure_ascii=True does).
   */
  public static String pythonJson(JsonNode node, int indent) {
    StringBuilder sb = new StringBuilder();
    writeIndented(node, sb, indent, 0);
    return sb.toString();
  }

  private static void writeIndented(JsonNode n, StringBuilder sb, int indent, int depth) {
    if (n.isObject() && n.size() > 0) {
      List<String> keys = new ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      keys.sort(null);
      sb.append('{');
      for (int i = 0; i < keys.size(); i++) {
        sb.append(i > 0 ? ",\n" : "\n").append(" ".repeat(indent * (depth + 1)));
        asciiString(keys.get(i), sb);
        sb.append(": ");
        writeIndented(n.get(keys.get(i)), sb, indent, depth + 1);
      }
      sb.append('\n').append(" ".repeat(indent * depth)).append('}');
    } else if (n.isArray() && n.size() > 0) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        sb.append(i > 0 ? ",\n" : "\n").append(" ".repeat(indent * (depth + 1)));
        writeIndented(n.get(i), sb, indent, depth + 1);
      }
      sb.append('\n').append(" ".repeat(indent * depth)).append(']');
    } else if (n.isTextual()) {
      asciiString(n.asText(), sb);
    } else {
      write(n, sb);
    }
  }

  private static void asciiString(String s, StringBuilder sb) {
    StringBuilder raw = new StringBuilder();
    string(s, raw);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c > 0x7e) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
  }

  private static void write(JsonNode n, StringBuilder sb) {
    if (n.isObject()) {
      List<String> keys = new ArrayList<>();
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        keys.add(it.next());
      }
      keys.sort(null);
      sb.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        string(keys.get(i), sb);
        sb.append(": ");
        write(n.get(keys.get(i)), sb);
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        write(n.get(i), sb);
      }
      sb.append(']');
    } else if (n.isTextual()) {
      string(n.asText(), sb);
    } else if (n.isBoolean()) {
      sb.append(n.asBoolean() ? "true" : "false");
    } else if (n.isNull()) {
      sb.append("null");
    } else if (n.isIntegralNumber()) {
      sb.append(n.bigIntegerValue().toString());
    } else if (n.isNumber()) {
      sb.append(pythonRepr(n.doubleValue()));
    } else {
      throw new IllegalArgumentException("cannot serialise " + n.getNodeType());
    }
  }

  /** Python's json string escaping with ensure_ascii=False. */
  static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /**
   * Python's {@code repr(float)}: the shortest decimal that round-trips, in fixed notation when the
   * decimal exponent is in [−4, 16), otherwise {@code d.ddde±XX}.
   *
   * <p>The digits are those of the first precision p = 1, 2, … at which {@code String.format("%.(p−1)e", v)}
   * parses back to v; that formatting rounds the digits of {@link Double#toString} half up to p digits, so
   * the same rounding is done here on those digits directly (a fraction of the cost of the formatter).
   */
  public static String pythonRepr(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0.0" : "0.0";
    }
    double a = Math.abs(v);
    String t = Double.toString(a);
    int ei = t.indexOf('E');
    int texp = ei < 0 ? 0 : Integer.parseInt(t.substring(ei + 1));
    String m = ei < 0 ? t : t.substring(0, ei);
    int dot = m.indexOf('.');
    StringBuilder all = new StringBuilder(m.length());
    all.append(m, 0, dot).append(m, dot + 1, m.length());
    int lead = 0;
    while (lead < all.length() - 1 && all.charAt(lead) == '0') {
      lead++;
    }
    // value = 0.d1d2... × 10^(dot + texp − lead) : first digit's exponent
    int exp0 = dot - 1 - lead + texp;
    String d = all.substring(lead);
    int end = d.length();
    while (end > 1 && d.charAt(end - 1) == '0') {
      end--;
    }
    d = d.substring(0, end);
    String digits = null;
    int exp = 0;
    char[] r = new char[d.length() + 1];
    for (int p = 1; p <= d.length(); p++) {
      int e = exp0;
      int len = p;
      for (int i = 0; i < p; i++) {
        r[i] = d.charAt(i);
      }
      if (p < d.length() && d.charAt(p) >= '5') {
        int i = p - 1;
        while (i >= 0 && r[i] == '9') {
          r[i] = '0';
          i--;
        }
        if (i >= 0) {
          r[i]++;
        } else {
          r[0] = '1';
          for (int k = 1; k < p; k++) {
            r[k] = '0';
          }
          e++;
        }
      }
      while (len > 1 && r[len - 1] == '0') {
        len--;
      }
      String cand = new String(r, 0, len);
      if (p == d.length() || Double.parseDouble("0." + cand + "E" + (e + 1)) == a) {
        digits = cand;
        exp = e;
        break;
      }
    }
    if (digits == null) {
      return pythonReprByFormatter(v);
    }
    return layout(v < 0 ? "-" : "", digits, exp);
  }

  /** {@link #pythonRepr} by {@code String.format} at increasing precision (the definition; kept for tests). */
  static String pythonReprByFormatter(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
      return pythonRepr(v);
    }
    String digits = null;
    int exp = 0;
    for (int p = 1; p <= 17; p++) {
      String e = String.format(Locale.ROOT, "%." + (p - 1) + "e", v);
      if (Double.parseDouble(e) == v) {
        int ei = e.indexOf('e');
        String mant = e.substring(0, ei).replace("-", "").replace(".", "");
        exp = Integer.parseInt(e.substring(ei + 1));
        digits = mant.replaceAll("0+$", "");
        if (digits.isEmpty()) {
          digits = "0";
        }
        break;
      }
    }
    if (digits == null) {
      digits = new BigDecimal(v).unscaledValue().abs().toString();
    }
    return layout(v < 0 ? "-" : "", digits, exp);
  }

  private static String layout(String sign, String digits, int exp) {
    int n = digits.length();
    if (exp >= -4 && exp < 16) {
      if (exp >= n - 1) {
        // integer-valued: digits followed by zeros, then ".0"
        StringBuilder sb = new StringBuilder(digits);
        for (int i = n - 1; i < exp; i++) {
          sb.append('0');
        }
        return sign + sb + ".0";
      }
      if (exp >= 0) {
        return sign + digits.substring(0, exp + 1) + "." + digits.substring(exp + 1);
      }
      StringBuilder sb = new StringBuilder("0.");
      for (int i = 0; i < -exp - 1; i++) {
        sb.append('0');
      }
      return sign + sb + digits;
    }
    String mant = n == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return sign + mant + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
  }

  private static String unknown(String algorithm) {
    return "unknown hash algorithm '" + algorithm + "' (try sha256, sha1, md5, sha512)";
  }

  /**
   * Refuses a hash algorithm that {@link #digest} does not know, naming how it was given.
   *
   * @param algorithm pyhf's name (sha256, sha1, md5, sha512, ...)
   * @param what how it was given, the first word of the refusal (e.g. {@code --algorithm})
   * @return {@code algorithm}
   * @throws io.sumbin.histmodel.BadInputException "what: unknown hash algorithm ..."
   */
  public static String requireAlgorithm(String algorithm, String what) {
    try {
      MessageDigest.getInstance(javaAlgorithm(algorithm));
      return algorithm;
    } catch (NoSuchAlgorithmException e) {
      throw new io.sumbin.histmodel.BadInputException(what + ": " + unknown(algorithm));
    }
  }
}
