package io.sumbin.histmodel.infer.toys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sumbin.histmodel.infer.TestStatistic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The toy-line format: the contract's field order and number text, and bad lines refused with their column. */
class ToyJournalTest {
  private static final ToyResult TOY = new ToyResult("sb", 17, -3, TestStatistic.QTILDE, 1.5, 1.5, 0.123456789012345,
      -0.25, false, 1e-300, Double.NaN);

  @Test
  void lineTextIsTheDocumentedContract() {
    assertThat(ToyJournal.line(TOY)).as("a toy line without identity").isEqualTo("{\"hypothesis\":\"sb\",\"index\":17,"
        + "\"seed\":-3,\"test_stat\":\"qtilde\",\"poi_value\":1.5,\"gen_poi_value\":1.5,\"t\":0.123456789012345,"
        + "\"mu_hat\":-0.25,\"converged\":false,\"twice_nll_free\":1.0E-300,\"twice_nll_cond\":null}");
    String checked = ToyJournal.line(TOY, new ToyJournal.Identity("m", "s"));
    int k = checked.lastIndexOf(",\"check\":");
    assertThat(checked.substring(0, k)).as("body of a checked line")
        .isEqualTo(ToyJournal.line(TOY).replace("}", ",\"model\":\"m\",\"settings\":\"s\""));
    assertThat(checked.substring(k)).as("check field").isEqualTo(",\"check\":\"" + ToyJournal.crc(checked.substring(0, k)) + "\"}");
    assertThat(ToyJournal.parse(checked)).as("checked line read back").isEqualTo(TOY);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"hypothesis\":\"sb\",\"index\":{\"a\":1}}",
      "{\"hypothesis\":\"sb\",\"index\":[1]}",
      "{\"hypothesis\":\"sb\"} trailing",
      "{\"hypothesis\":\"sb\",\"t\":NaN}",
      "[1, 2]",
      "{\"hypothesis\":\"sb\""})
  void malformedLinesAreNotToyLines(String line) {
    assertThatThrownBy(() -> ToyJournal.parse(line)).as(line).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a toy line: ").hasMessageContaining("column");
  }
}
