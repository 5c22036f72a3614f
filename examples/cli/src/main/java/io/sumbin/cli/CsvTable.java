package io.sumbin.cli;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * CSV output of the command line, written with jackson-dataformat-csv: a header line, then one line
 * per row; cells that hold a comma, a quote or a line break are quoted (RFC 4180), numbers are
 * written as Java prints them ({@code 0.1}, {@code 1.0E-5}) and non-finite numbers as empty cells.
 * Lines end with {@code \n}.
 *
 * <pre>{@code
 * try (CsvTable t = new CsvTable(writer, List.of("name", "cls_obs"))) {
 *   t.row().text("p1").number(0.03).end();
 * }
 * }</pre>
 */
final class CsvTable implements Closeable {
  private static final CsvFactory FACTORY = new CsvFactory();
  private final CsvGenerator g;
  private final Row row = new Row();

  /** Starts a table on {@code out} (not closed by {@link #close()}) and writes the header. */
  CsvTable(Writer out, List<String> columns) {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\n");
    for (String c : columns) {
      schema.addColumn(c);
    }
    try {
      g = FACTORY.createGenerator(out);
      g.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setSchema(schema.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the next row: its cells in column order, then {@link Row#end()}. */
  Row row() {
    try {
      g.writeStartArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return row;
  }

  /** Flushes the rows to the writer. */
  @Override
  public void close() {
    try {
      g.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cells of one row. */
  final class Row {
    Row text(String s) {
      try {
        g.writeString(s == null ? "" : s);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** A number; NaN and infinities are empty cells. */
    Row number(double v) {
      try {
        if (Double.isFinite(v)) {
          g.writeNumber(v);
        } else {
          g.writeString("");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** A number as Java prints it, NaN and Infinity spelled out (for outputs where an empty cell means "not evaluated"). */
    Row value(double v) {
      try {
        if (Double.isFinite(v)) {
          g.writeNumber(v);
        } else {
          g.writeString(Double.toString(v));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Row integer(long v) {
      try {
        g.writeNumber(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Row bool(boolean v) {
      try {
        g.writeBoolean(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** An empty cell. */
    Row empty() {
      return text("");
    }

    void end() {
      try {
        g.writeEndArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
