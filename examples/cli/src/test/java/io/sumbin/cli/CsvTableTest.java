package io.sumbin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sumbin.pyhf.PatchSetCls;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV writer of the command line: header, quoting, number text, empty and non-finite cells. */
class CsvTableTest {
  @Test
  void numbersAsJavaPrintsThemAndNamesQuotedWhereNeeded() {
    StringWriter w = new StringWriter();
    try (CsvTable t = new CsvTable(w, List.of("name", "m_1,2", "x"))) {
      t.row().text("a \"b\"").number(0.1).number(1e-5).end();
      t.row().text("c").number(Double.NaN).value(Double.NaN).end();
      t.row().text("d").empty().integer(-3).end();
      t.row().text("e").bool(true).value(Double.NEGATIVE_INFINITY).end();
    }
    assertThat(w.toString()).as("CSV text").isEqualTo("name,\"m_1,2\",x\n"
        + "\"a \"\"b\"\"\",0.1,1.0E-5\n"
        + "c,,NaN\n"
        + "d,,-3\n"
        + "e,true,-Infinity\n");
  }

  @Test
  void patchSetTableKeepsItsColumns() {
    PatchSetCls.PointResult r = new PatchSetCls.PointResult("p1", new double[] {1400, 600}, 0.03,
        new double[] {0.01, 0.02, 0.04, 0.08, 0.16}, 0.02, 0.5, true, "ok", 0.12345);
    String csv = PatchsetCommand.Cls.csv(List.of(r), List.of("m_gluino", "m_neutralino"));
    assertThat(csv).as("patch-set CSV").isEqualTo("name,m_gluino,m_neutralino,cls_obs,cls_exp_m2,cls_exp_m1,cls_exp,"
        + "cls_exp_p1,cls_exp_p2,clsb,clb,converged,seconds\n"
        + "p1,1400.0,600.0,0.03,0.01,0.02,0.04,0.08,0.16,0.02,0.5,true,0.1235\n");
  }
}
