package io.sumbin.binning.lhe;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import java.util.zip.ZipException;

/**
 * Streaming reader of Les Houches event files (LHEF, hep-ph/0609017; common blocks of
 * hep-ph/0109068), plain or gzip-compressed (detected from the magic bytes, not the name). Reads
 * line by line, one event at a time; memory does not grow with the file.
 *
 * <p>Understood: the {@code <LesHouchesEvents>} root, the {@code <init>} block, MadGraph's
 * {@code <initrwgt>} with {@code <weightgroup>}/{@code <weight id=...>} declarations (anywhere
 * before the first event; CDATA sections are skipped), and per event the common-block line, the
 * NUP particle lines, {@code <rwgt><wgt id=...>value</wgt></rwgt>} and positional
 * {@code <weights>}. Other event content ({@code <mgrwt>}, {@code <scales>}, comment lines) is
 * skipped. Without {@code <initrwgt>}, the first event's {@code <rwgt>} ids define the weights.
 *
 * <p>Errors ({@link LheFormatException}, with the 1-based line number): missing or malformed
 * common-block or particle lines, fewer particle lines than NUP, an event weight id that was not
 * declared, a declared weight missing from an event or given twice, an unterminated event, a file
 * (or gzip stream) that ends before {@code </LesHouchesEvents>}.
 *
 * <pre>{@code
 * try (LheReader r = LheReader.open(path)) {
 *   List<String> ids = r.weightIds();
 *   while (r.hasNext()) {
 *     LheEvent e = r.next();
 *     double wSm = e.reweight(ids.indexOf("SM"));
 *   }
 * }
 * }</pre>
 */
public final class LheReader implements Iterator<LheEvent>, AutoCloseable {
  private static final Pattern WEIGHT_TAGS = Pattern.compile(
      "<weightgroup\\b([^>]*)>|</weightgroup\\s*>|<weight\\b([^>]*)>(.*?)</weight\\s*>", Pattern.DOTALL);
  private static final Pattern ATTR_NAME = Pattern.compile("\\bname\\s*=\\s*(['\"])(.*?)\\1");
  private static final Pattern ATTR_ID = Pattern.compile("\\bid\\s*=\\s*(['\"])(.*?)\\1");
  private static final Pattern ATTR_VERSION = Pattern.compile("\\bversion\\s*=\\s*(['\"])(.*?)\\1");

  private final String file;
  private final BufferedReader in;
  private long lineNo;
  private LheHeader header;
  private List<String> weightIds;
  private Map<String, Integer> weightIndex;
  private boolean idsFromFirstEvent;
  private LheEvent pending;
  private boolean finished;
  private int documents = 1;
  private int eventsRead;
  private final int[] tokStart = new int[32];
  private final int[] tokEnd = new int[32];
  private int idA;
  private int idB;
  private int nextWgt;
  private long eventStart;

  private LheReader(String file, InputStream raw) {
    this.file = file;
    try {
      BufferedInputStream b = new BufferedInputStream(raw, 1 << 16);
      b.mark(2);
      int b0 = b.read();
      int b1 = b.read();
      b.reset();
      // every member of a multi-member gzip file (cat a.lhe.gz b.lhe.gz, as zcat reads it), and an error
      // on bytes after the last member (java.util.zip.GZIPInputStream ignores them silently)
      InputStream s = (b0 == 0x1f && b1 == 0x8b) ? new GzipCompressorInputStream(b, true) : b;
      // strict UTF-8: a binary or UTF-16 file is an error, not replacement characters
      this.in = new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    } catch (EOFException | ZipException e) {
      closeQuietly(raw);
      throw new LheFormatException(file, 0, "corrupt or truncated gzip header (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      closeQuietly(raw);
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    try {
      readHeader();
    } catch (RuntimeException e) {
      try {
        in.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static void closeQuietly(InputStream s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already failing
    }
  }

  /**
   * Opens a file and reads its header.
   *
   * @throws LheFormatException if the header is malformed
   * @throws UncheckedIOException if the file cannot be read (e.g. it does not exist)
   */
  public static LheReader open(Path path) {
    try {
      return new LheReader(path.toString(), Files.newInputStream(path));
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
  }

  /** Reads from a stream (closed by {@link #close()}); {@code name} is used in messages. */
  public static LheReader open(InputStream in, String name) {
    return new LheReader(name, in);
  }

  /** The header. Without {@code <initrwgt>}, its weights are filled in from the first event. */
  public LheHeader header() {
    if (idsFromFirstEvent && weightIds == null) {
      hasNext();
    }
    return header;
  }

  /** The reweighting weight ids, in the order of {@link LheEvent#reweight(int)}. */
  public List<String> weightIds() {
    if (weightIds == null) {
      hasNext();
      if (weightIds == null) {
        return List.of();
      }
    }
    return weightIds;
  }

  /** Number of events returned so far. */
  public int eventsRead() {
    return eventsRead;
  }

  /** The file name used in messages. */
  public String file() {
    return file;
  }

  /** Last line read (1-based). */
  public long line() {
    return lineNo;
  }

  @Override
  public boolean hasNext() {
    if (pending == null && !finished) {
      pending = readEvent();
      if (pending == null) {
        finished = true;
      }
    }
    return pending != null;
  }

  /** The next event. */
  @Override
  public LheEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException(file + ": no more events (" + eventsRead + " read)");
    }
    LheEvent e = pending;
    pending = null;
    eventsRead++;
    return e;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private String readLine() {
    try {
      String s = in.readLine();
      if (s != null) {
        lineNo++;
      }
      return s;
    } catch (EOFException | ZipException e) {
      // an EOFException of the gzip reader carries no message: name what happened instead of printing "(null)"
      String why = e.getMessage() != null ? e.getMessage() : "unexpected end of the compressed data";
      throw new LheFormatException(file, lineNo + 1, "truncated or corrupt gzip stream (" + why + ")", e);
    } catch (CharacterCodingException e) {
      throw new LheFormatException(file, lineNo + 1, "not a UTF-8 text file (binary, or another encoding such as UTF-16): "
          + "not a Les Houches event file", e);
    } catch (IOException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("Garbage after a valid .gz stream")) {
        throw new LheFormatException(file, lineNo + 1, "bytes after the last gzip member that are not gzip data "
            + "(a damaged file, or something appended to it)", e);
      }
      if (m.contains("corrupt") || m.contains("Truncated") || m.contains("truncated")) {
        throw new LheFormatException(file, lineNo + 1, "truncated or corrupt gzip stream (" + m + ")", e);
      }
      throw new UncheckedIOException(file + ": line " + (lineNo + 1) + ": " + e.getMessage(), e);
    }
  }

  private LheFormatException error(String msg) {
    return new LheFormatException(file, lineNo, msg);
  }

  /**
   * After a {@code </LesHouchesEvents>}: the next document of a concatenated file (the members of a
   * multi-member gzip file each hold one), whose first event becomes {@link #pending}; false at the end.
   * Its weights must be the first document's; the header (cross sections) stays the first document's.
   * Anything else after the end tag is an error.
   */
  private boolean nextDocument() {
    while (true) {
      String line = readLine();
      while (line != null && (line.isBlank() || line.trim().startsWith("<?xml") || line.trim().startsWith("<!--"))) {
        line = readLine();
      }
      if (line == null) {
        return false;
      }
      if (!line.trim().startsWith("<LesHouchesEvents")) {
        throw error("content after </LesHouchesEvents>: '" + abbreviate(line) + "' (a damaged or concatenated file?)");
      }
      LheHeader first = header;
      List<String> ids = weightIds;
      long start = lineNo;
      readHeaderFrom(line);
      if (weightIds != null && ids != null && !weightIds.equals(ids)) {
        throw new LheFormatException(file, start, "a second Les Houches document (another gzip member?) declares the weights "
            + weightIds + ", the first " + ids + "; files of different weights cannot be read as one");
      }
      if (weightIds == null) {
        weightIds = ids;
      }
      header = first;
      documents++;
      if (pending != null) {
        return true;
      }
      finished = false; // that document had no events: look for another one
    }
  }

  /** Number of Les Houches documents read so far (more than one in a concatenated or multi-member gzip file). */
  public int documents() {
    return documents;
  }

  private void readHeader() {
    String line;
    do {
      line = readLine();
      if (line == null) {
        throw error(lineNo == 0 ? "empty file, expected <LesHouchesEvents>" : "no <LesHouchesEvents> element");
      }
    } while (line.isBlank() || line.trim().startsWith("<?xml"));
    if (!line.trim().startsWith("<LesHouchesEvents")) {
      throw error("not a Les Houches event file: expected <LesHouchesEvents ...>, found '" + abbreviate(line) + "'");
    }
    readHeaderFrom(line);
  }

  private void readHeaderFrom(String line) {
    String version = "";
    Matcher vm = ATTR_VERSION.matcher(line);
    if (vm.find()) {
      version = vm.group(2);
    }
    List<WeightDeclaration> decls = new ArrayList<>();
    boolean inCdata = false;
    LheHeader init = null;
    while (true) {
      line = readLine();
      if (line == null) {
        throw error("file ends in the header" + (init == null ? " before any <init> block" : "") + " (truncated?)");
      }
      String t = line.trim();
      if (inCdata) {
        if (t.contains("]]>")) {
          inCdata = false;
        }
        continue;
      }
      int cd = t.indexOf("<![CDATA[");
      if (cd >= 0) {
        inCdata = !t.substring(cd).contains("]]>");
        continue;
      }
      if (t.startsWith("<initrwgt")) {
        readInitrwgt(line, decls);
      } else if (isTag(t, "init")) {
        if (init != null) {
          throw error("second <init> block");
        }
        init = readInit(version, decls);
      } else if (t.startsWith("<event")) {
        if (init == null) {
          throw error("<event> before the <init> block");
        }
        // first event: hand the line back by parsing it now
        header = init.withWeights(decls);
        setWeightIds(decls);
        pending = readEventBody(lineNo);
        return;
      } else if (t.startsWith("</LesHouchesEvents")) {
        if (init == null) {
          throw error("</LesHouchesEvents> before any <init> block");
        }
        header = init.withWeights(decls);
        setWeightIds(decls);
        finished = true;
        return;
      }
    }
  }

  private static boolean isTag(String t, String name) {
    if (!t.startsWith("<" + name)) {
      return false;
    }
    if (t.length() == name.length() + 1) {
      return true;
    }
    char c = t.charAt(name.length() + 1);
    return c == '>' || c == ' ' || c == '\t' || c == '/';
  }

  private void setWeightIds(List<WeightDeclaration> decls) {
    if (decls.isEmpty()) {
      idsFromFirstEvent = true;
      return;
    }
    List<String> ids = new ArrayList<>();
    weightIndex = new HashMap<>();
    for (WeightDeclaration d : decls) {
      if (weightIndex.put(d.id(), ids.size()) != null) {
        throw new LheFormatException(file, 0, "<initrwgt> declares weight id '" + d.id() + "' twice");
      }
      ids.add(d.id());
    }
    weightIds = List.copyOf(ids);
  }

  private void readInitrwgt(String first, List<WeightDeclaration> decls) {
    long start = lineNo;
    StringBuilder sb = new StringBuilder(first).append('\n');
    String line = first;
    while (!line.contains("</initrwgt")) {
      line = readLine();
      if (line == null) {
        throw new LheFormatException(file, start, "<initrwgt> is not closed (file ends at line " + lineNo + ")");
      }
      sb.append(line).append('\n');
    }
    Matcher m = WEIGHT_TAGS.matcher(sb);
    String group = "";
    while (m.find()) {
      String tag = m.group();
      if (tag.startsWith("<weightgroup")) {
        Matcher nm = ATTR_NAME.matcher(m.group(1));
        group = nm.find() ? nm.group(2) : "";
      } else if (tag.startsWith("</weightgroup")) {
        group = "";
      } else {
        Matcher im = ATTR_ID.matcher(m.group(2));
        if (!im.find()) {
          throw new LheFormatException(file, start, "<initrwgt>: a <weight> element has no id attribute: '" + abbreviate(tag) + "'");
        }
        decls.add(new WeightDeclaration(im.group(2), group, m.group(3).trim()));
      }
    }
  }

  private LheHeader readInit(String version, List<WeightDeclaration> decls) {
    String line = nextContentLine("<init> block");
    int n = tokenize(line);
    if (n < 10) {
      throw error("<init>: expected 10 values IDBMUP(1,2) EBMUP(1,2) PDFGUP(1,2) PDFSUP(1,2) IDWTUP NPRUP, found " + n
          + ": '" + abbreviate(line) + "'");
    }
    int beam1 = parseInt(line, 0, "IDBMUP(1)");
    int beam2 = parseInt(line, 1, "IDBMUP(2)");
    double e1 = parseDouble(line, 2, "EBMUP(1)");
    double e2 = parseDouble(line, 3, "EBMUP(2)");
    int idwtup = parseInt(line, 8, "IDWTUP");
    int nprup = parseInt(line, 9, "NPRUP");
    if (nprup < 1) {
      throw error("<init>: NPRUP = " + nprup + ", expected >= 1");
    }
    List<LheProcess> procs = new ArrayList<>();
    for (int k = 0; k < nprup; k++) {
      line = nextContentLine("<init> block (process " + (k + 1) + " of " + nprup + ")");
      if (tokenize(line) < 4 || firstChar(line) == '<') {
        throw error("<init>: expected process line " + (k + 1) + " of " + nprup + " (XSECUP XERRUP XMAXUP LPRUP), found '"
            + abbreviate(line) + "'");
      }
      procs.add(new LheProcess(parseDouble(line, 0, "XSECUP"), parseDouble(line, 1, "XERRUP"),
          parseDouble(line, 2, "XMAXUP"), parseInt(line, 3, "LPRUP")));
    }
    while (true) {
      line = readLine();
      if (line == null) {
        throw error("<init> is not closed (truncated?)");
      }
      String t = line.trim();
      if (t.startsWith("</init>")) {
        break;
      }
      if (t.startsWith("<initrwgt")) {
        readInitrwgt(line, decls);
      } else if (t.startsWith("<event")) {
        throw error("<event> inside the <init> block (missing </init>)");
      }
    }
    return new LheHeader(version, beam1, beam2, e1, e2, idwtup, procs, List.of());
  }

  private String nextContentLine(String where) {
    while (true) {
      String line = readLine();
      if (line == null) {
        throw error("file ends inside the " + where + " (truncated?)");
      }
      String t = line.trim();
      if (!t.isEmpty() && !t.startsWith("#")) {
        return line;
      }
    }
  }

  /** Reads up to the next event; null after {@code </LesHouchesEvents>}. */
  private LheEvent readEvent() {
    while (true) {
      String line = readLine();
      if (line == null) {
        throw error("file ends after " + eventsRead + " events without </LesHouchesEvents> (truncated?)");
      }
      String t = line.trim();
      if (t.startsWith("<event")) {
        return readEventBody(lineNo);
      }
      if (t.startsWith("</LesHouchesEvents")) {
        if (!nextDocument()) {
          return null;
        }
        LheEvent e = pending;
        pending = null;
        return e;
      }
      if (t.isEmpty() || t.startsWith("<!--") || t.startsWith("#")) {
        continue;
      }
      throw error("expected <event> or </LesHouchesEvents>, found '" + abbreviate(line) + "'");
    }
  }

  private LheEvent readEventBody(long start) {
    eventStart = start;
    String line = readLine();
    if (line == null) {
      throw new LheFormatException(file, start, "event is not closed: file ends after <event> (truncated?)");
    }
    int n = tokenize(line);
    if (n < 6 || firstChar(line) == '<') {
      throw error("event common block: expected NUP IDPRUP XWGTUP SCALUP AQEDUP AQCDUP, found '" + abbreviate(line) + "'");
    }
    int nup = parseInt(line, 0, "NUP");
    int idprup = parseInt(line, 1, "IDPRUP");
    double xwgtup = parseDouble(line, 2, "XWGTUP");
    double scalup = parseDouble(line, 3, "SCALUP");
    double aqed = parseDouble(line, 4, "AQEDUP");
    double aqcd = parseDouble(line, 5, "AQCDUP");
    if (nup < 1 || nup > 500) {
      throw error("event common block: NUP = " + nup + " is not a plausible particle count");
    }
    if (!Double.isFinite(xwgtup)) {
      throw error("event " + (eventsRead + 1) + ": event weight XWGTUP = " + xwgtup + " is not finite");
    }
    LheParticle[] ps = new LheParticle[nup];
    for (int k = 0; k < nup; k++) {
      line = readLine();
      if (line == null) {
        throw new LheFormatException(file, lineNo, "event starting at line " + start + " is not closed: file ends after "
            + k + " of " + nup + " particle lines (truncated?)");
      }
      int nt = tokenize(line);
      if (nt < 13 || firstChar(line) == '<') {
        throw error("particle line " + (k + 1) + " of " + nup + ": expected 13 values (IDUP ISTUP MOTHUP(1,2) ICOLUP(1,2) "
            + "PUP(1..5) VTIMUP SPINUP), found " + (firstChar(line) == '<' ? "'" + abbreviate(line) + "'" : nt + " values"));
      }
      ps[k] = new LheParticle(parseInt(line, 0, "IDUP"), parseInt(line, 1, "ISTUP"), parseInt(line, 2, "MOTHUP(1)"),
          parseInt(line, 3, "MOTHUP(2)"), parseInt(line, 4, "ICOLUP(1)"), parseInt(line, 5, "ICOLUP(2)"),
          parseDouble(line, 6, "px"), parseDouble(line, 7, "py"), parseDouble(line, 8, "pz"), parseDouble(line, 9, "E"),
          parseDouble(line, 10, "m"), parseDouble(line, 11, "VTIMUP"), parseDouble(line, 12, "SPINUP"));
    }
    double[] rw = null;
    List<String> firstIds = null;
    List<Double> firstVals = null;
    if (idsFromFirstEvent && weightIds == null) {
      firstIds = new ArrayList<>();
      firstVals = new ArrayList<>();
    } else if (weightIds != null) {
      rw = new double[weightIds.size()];
      Arrays.fill(rw, Double.NaN);
    }
    while (true) {
      line = readLine();
      if (line == null) {
        throw new LheFormatException(file, lineNo, "event starting at line " + start + " is not closed (truncated?)");
      }
      String t = line.trim();
      if (t.startsWith("</event")) {
        break;
      }
      if (t.startsWith("<event") || t.startsWith("</LesHouchesEvents")) {
        throw error("event starting at line " + start + " is not closed before '" + abbreviate(t) + "'");
      }
      if (t.startsWith("<rwgt")) {
        readRwgt(line, rw, firstIds, firstVals);
      } else if (t.startsWith("<weights")) {
        readPositionalWeights(line, rw, firstIds, firstVals);
      }
    }
    if (firstIds != null) {
      if (!firstIds.isEmpty()) {
        weightIndex = new HashMap<>();
        List<WeightDeclaration> decls = new ArrayList<>();
        for (int k = 0; k < firstIds.size(); k++) {
          weightIndex.put(firstIds.get(k), k);
          decls.add(new WeightDeclaration(firstIds.get(k), "", ""));
        }
        weightIds = List.copyOf(firstIds);
        header = header.withWeights(decls);
      } else {
        weightIds = List.of();
        weightIndex = Map.of();
      }
      rw = new double[firstVals.size()];
      for (int k = 0; k < rw.length; k++) {
        rw[k] = firstVals.get(k);
      }
    } else if (rw == null) {
      rw = new double[0];
    }
    for (int k = 0; k < rw.length; k++) {
      if (Double.isNaN(rw[k])) {
        throw new LheFormatException(file, lineNo, "event starting at line " + start + " has no weight for id '"
            + weightIds.get(k) + "' (declared weights: " + weightIds.size() + ")");
      }
    }
    return new LheEvent(idprup, xwgtup, scalup, aqed, aqcd, List.of(ps), rw, start);
  }

  private void readRwgt(String line, double[] rw, List<String> ids, List<Double> vals) {
    long start = lineNo;
    nextWgt = 0;
    String rest = line.substring(line.indexOf("<rwgt") + 5);
    while (true) {
      int close = rest.indexOf("</rwgt");
      String part = close >= 0 ? rest.substring(0, close) : rest;
      parseWgts(part, rw, ids, vals);
      if (close >= 0) {
        return;
      }
      rest = readLine();
      if (rest == null) {
        throw new LheFormatException(file, start, "<rwgt> is not closed (file ends at line " + lineNo + ", truncated?)");
      }
      if (rest.trim().startsWith("</event")) {
        throw error("<rwgt> opened at line " + start + " is not closed before </event>");
      }
    }
  }

  private void parseWgts(String s, double[] rw, List<String> ids, List<Double> vals) {
    int pos = 0;
    while (true) {
      int open = s.indexOf("<wgt", pos);
      if (open < 0) {
        return;
      }
      int gt = s.indexOf('>', open);
      int end = s.indexOf("</wgt>", open);
      if (gt < 0 || end < 0 || end < gt) {
        throw error("malformed <wgt> element (expected <wgt id='...'> value </wgt> on one line): '" + abbreviate(s.trim()) + "'");
      }
      if (!findAttributeId(s, open + 4, gt)) {
        throw error("<wgt> element without id: '" + abbreviate(s.substring(open, end + 6).trim()) + "'");
      }
      int vs = gt + 1, ve = end;
      while (vs < ve && s.charAt(vs) <= ' ') {
        vs++;
      }
      while (ve > vs && s.charAt(ve - 1) <= ' ') {
        ve--;
      }
      double v;
      try {
        if (vs == ve) {
          throw new NumberFormatException("empty");
        }
        v = parseDecimal(s, vs, ve);
      } catch (NumberFormatException e) {
        throw error("weight '" + s.substring(idA, idB) + "': '" + abbreviate(s.substring(vs, ve)) + "' is not a number");
      }
      if (!Double.isFinite(v)) {
        throw error("event " + (eventsRead + 1) + " (from line " + eventStart + "): weight id '" + s.substring(idA, idB) + "' is "
            + v + ", not a finite number");
      }
      if (ids != null) {
        String id = s.substring(idA, idB);
        if (ids.contains(id)) {
          throw error("weight id '" + id + "' appears twice in the event");
        }
        ids.add(id);
        vals.add(v);
      } else {
        int k = -1;
        // ids normally come in declaration order: check the expected one without allocating
        if (nextWgt < weightIds.size()) {
          String want = weightIds.get(nextWgt);
          if (want.length() == idB - idA && s.regionMatches(idA, want, 0, want.length())) {
            k = nextWgt;
          }
        }
        if (k < 0) {
          Integer kk = weightIndex == null ? null : weightIndex.get(s.substring(idA, idB));
          if (kk == null) {
            throw error("weight id '" + s.substring(idA, idB) + "' is not declared in <initrwgt>");
          }
          k = kk;
        }
        if (!Double.isNaN(rw[k])) {
          throw error("weight id '" + weightIds.get(k) + "' appears twice in the event");
        }
        rw[k] = v;
        nextWgt = k + 1;
      }
      pos = end + 6;
    }
  }

  /**
   * Finds {@code id='...'} or {@code id="..."} within s[from, to) and stores the value's range in
   * {@link #idA}, {@link #idB}.
   */
  private boolean findAttributeId(String s, int from, int to) {
    int k = s.indexOf("id", from);
    while (k >= 0 && k < to) {
      boolean wordStart = k == 0 || !Character.isLetterOrDigit(s.charAt(k - 1));
      int j = k + 2;
      while (j < to && s.charAt(j) == ' ') {
        j++;
      }
      if (wordStart && j < to && s.charAt(j) == '=') {
        j++;
        while (j < to && s.charAt(j) == ' ') {
          j++;
        }
        if (j < to && (s.charAt(j) == '\'' || s.charAt(j) == '"')) {
          int close = s.indexOf(s.charAt(j), j + 1);
          if (close > 0 && close < to) {
            idA = j + 1;
            idB = close;
            return true;
          }
        }
        return false;
      }
      k = s.indexOf("id", k + 2);
    }
    return false;
  }

  private void readPositionalWeights(String line, double[] rw, List<String> ids, List<Double> vals) {
    long start = lineNo;
    StringBuilder sb = new StringBuilder(line.substring(line.indexOf('>') + 1));
    while (sb.indexOf("</weights") < 0) {
      String l = readLine();
      if (l == null) {
        throw new LheFormatException(file, start, "<weights> is not closed (truncated?)");
      }
      sb.append(' ').append(l);
    }
    String body = sb.substring(0, sb.indexOf("</weights")).trim();
    String[] parts = body.isEmpty() ? new String[0] : body.split("\\s+");
    if (ids != null) {
      for (int k = 0; k < parts.length; k++) {
        ids.add("w" + k);
        vals.add(finiteWeight(parseNumber(parts[k], "<weights> value " + (k + 1)), "w" + k));
      }
      return;
    }
    if (rw == null || parts.length != rw.length) {
      throw new LheFormatException(file, start, "<weights> has " + parts.length + " values, " + (rw == null ? 0 : rw.length)
          + " weights are declared");
    }
    for (int k = 0; k < parts.length; k++) {
      rw[k] = finiteWeight(parseNumber(parts[k], "<weights> value " + (k + 1)), weightIds.get(k));
    }
  }

  private double finiteWeight(double v, String id) {
    if (!Double.isFinite(v)) {
      throw error("event " + (eventsRead + 1) + " (from line " + eventStart + "): weight id '" + id + "' is " + v
          + ", not a finite number");
    }
    return v;
  }

  /** First non-blank character of a line, or 0. */
  private static char firstChar(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c > ' ') {
        return c;
      }
    }
    return 0;
  }

  // --- tokenizing and numbers --------------------------------------------------------------------

  private int tokenize(String line) {
    int n = 0;
    int len = line.length();
    int i = 0;
    while (i < len && n < tokStart.length) {
      while (i < len && line.charAt(i) <= ' ') {
        i++;
      }
      if (i >= len) {
        break;
      }
      tokStart[n] = i;
      while (i < len && line.charAt(i) > ' ') {
        i++;
      }
      tokEnd[n++] = i;
    }
    return n;
  }

  private int parseInt(String line, int tok, String what) {
    int a = tokStart[tok], b = tokEnd[tok];
    int i = a;
    boolean neg = false;
    if (line.charAt(i) == '+' || line.charAt(i) == '-') {
      neg = line.charAt(i) == '-';
      i++;
    }
    if (i < b && b - i <= 9) {
      int v = 0;
      for (; i < b; i++) {
        char ch = line.charAt(i);
        if (ch < '0' || ch > '9') {
          break;
        }
        v = 10 * v + (ch - '0');
      }
      if (i == b) {
        return neg ? -v : v;
      }
    }
    String s = line.substring(a, b);
    try {
      return Integer.parseInt(s.startsWith("+") ? s.substring(1) : s);
    } catch (NumberFormatException e) {
      throw error(what + ": '" + s + "' is not an integer");
    }
  }

  private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
      1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

  private double parseDouble(String line, int tok, String what) {
    try {
      return parseDecimal(line, tokStart[tok], tokEnd[tok]);
    } catch (NumberFormatException e) {
      return parseNumber(line.substring(tokStart[tok], tokEnd[tok]), what);
    }
  }

  /**
   * Decimal text s[a, b) → double, equal to {@link Double#parseDouble}: Clinger's exact fast path
   * (a mantissa below 2⁵³ times or divided by a power of ten up to 10²² is one correctly rounded
   * operation) for the fixed formats generators write; everything else is handed to
   * {@link Double#parseDouble}. Fortran exponents ({@code 1.0D+00}) are accepted.
   *
   * @throws NumberFormatException if the text is not a number
   */
  static double parseDecimal(String s, int a, int b) {
    int i = a;
    boolean neg = false;
    char ch = s.charAt(i);
    if (ch == '+' || ch == '-') {
      neg = ch == '-';
      i++;
    }
    long m = 0;
    int digits = 0;
    int exp = 0;
    boolean any = false;
    boolean dot = false;
    for (; i < b; i++) {
      ch = s.charAt(i);
      if (ch >= '0' && ch <= '9') {
        any = true;
        if (m == 0 && ch == '0') {
          if (dot) {
            exp--;
          }
          continue;
        }
        if (++digits > 18) {
          return slow(s, a, b);
        }
        m = 10 * m + (ch - '0');
        if (dot) {
          exp--;
        }
      } else if (ch == '.' && !dot) {
        dot = true;
      } else {
        break;
      }
    }
    if (!any) {
      return slow(s, a, b);
    }
    if (i < b) {
      ch = s.charAt(i);
      if ((ch != 'e' && ch != 'E' && ch != 'd' && ch != 'D') || ++i >= b) {
        return slow(s, a, b);
      }
      boolean eneg = false;
      ch = s.charAt(i);
      if (ch == '+' || ch == '-') {
        eneg = ch == '-';
        i++;
      }
      int e = 0;
      int start = i;
      for (; i < b && i - start < 6; i++) {
        ch = s.charAt(i);
        if (ch < '0' || ch > '9') {
          return slow(s, a, b);
        }
        e = 10 * e + (ch - '0');
      }
      if (i != b || i == start) {
        return slow(s, a, b);
      }
      exp += eneg ? -e : e;
    }
    double v;
    if (m == 0) {
      v = 0.0;
    } else if (m < (1L << 53) && exp >= -22 && exp <= 22) {
      v = exp >= 0 ? m * POW10[exp] : m / POW10[-exp];
    } else {
      return slow(s, a, b);
    }
    return neg ? -v : v;
  }

  private static double slow(String s, int a, int b) {
    String t = s.substring(a, b);
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      String f = t.replace('D', 'E').replace('d', 'e');
      if (f.equals(t)) {
        throw e;
      }
      return Double.parseDouble(f);
    }
  }

  private double parseNumber(String s, String what) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      String f = s.replace('D', 'E').replace('d', 'e');
      try {
        if (!f.equals(s)) {
          return Double.parseDouble(f);
        }
      } catch (NumberFormatException ignored) {
        // fall through
      }
      throw error(what + ": '" + abbreviate(s) + "' is not a number");
    }
  }

  private static String abbreviate(String s) {
    String t = s.strip();
    return t.length() <= 80 ? t : t.substring(0, 77) + "...";
  }
}
