package io.sumbin.histmodel.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text renderer on a fake clock: cadence, carriage returns, final lines, nesting. */
class TextProgressTest {
  /** A clock the test moves. */
  static final class Clock {
    long now = 1_000_000_000L;

    void seconds(double s) {
      now += (long) (s * 1e9);
    }
  }

  final Clock clock = new Clock();
  final StringWriter text = new StringWriter();

  TextProgress renderer(TextProgress.Mode mode) {
    return new TextProgress(new PrintWriter(text), mode, () -> clock.now, 80);
  }

  List<String> lines() {
    return text.toString().lines().toList();
  }

  @Test
  void plainModeIsSilentForShortWork() {
    TextProgress p = renderer(TextProgress.Mode.PLAIN);
    p.start("toys", 100, "toys");
    for (int i = 0; i < 100; i++) {
      clock.seconds(0.019); // 1.9 s in all
      p.advance(1);
    }
    p.done();
    assertThat(text.toString()).isEmpty();
  }

  @Test
  void plainModePrintsALineAfterTwoSecondsThenEveryFiveAndAFinalLine() {
    TextProgress p = renderer(TextProgress.Mode.PLAIN);
    p.start("toys", 1000, "toys");
    for (int i = 0; i < 1000; i++) {
      clock.seconds(0.01); // 10 s in all: lines at 2.0 s, 7.0 s, then the final line
      p.advance(1);
    }
    p.done();
    String s = text.toString();
    assertThat(s).doesNotContain("\r");
    assertThat(lines()).containsExactly(
        "toys  200/1000 toys  20%  100 toys/s  ETA 8.0 s",
        "toys  700/1000 toys  70%  100 toys/s  ETA 3.0 s",
        "toys: 1000/1000 toys in 10.0 s, 100 toys/s");
  }

  @Test
  void plainModeShowsNestedTasksAsAPathAndEndsOnlyTasksItShowed() {
    TextProgress p = renderer(TextProgress.Mode.PLAIN);
    p.start("belt", 2, "points");
    p.start("observe", 2, "");
    clock.seconds(0.5);
    p.advance(2);
    p.done(); // 0.5 s: never shown, no final line
    p.start("toys", 4, "toys");
    clock.seconds(2);
    p.advance(1);
    p.note("loss 0.5");
    clock.seconds(6);
    p.advance(3);
    p.done();
    p.advance(2);
    p.done();
    assertThat(lines()).containsExactly(
        "belt 0/2 › toys  1/4 toys  25%  2.00 s/toy  ETA 6.0 s",
        "belt 0/2 › toys  4/4 toys  100%  2.00 s/toy  loss 0.5",
        "toys: 4/4 toys in 8.0 s, 2.00 s/toy, loss 0.5",
        "belt: 2/2 points in 8.5 s, 4.25 s/point");
  }

  @Test
  void ttyModeRedrawsOneLineAtMostTenTimesASecondAndClearsIt() {
    TextProgress p = renderer(TextProgress.Mode.TTY);
    p.start("toys", 10_000, "");
    for (int i = 0; i < 10_000; i++) {
      clock.seconds(0.001); // 10 s, 10 000 updates
      p.advance(1);
    }
    p.done();
    String s = text.toString();
    assertThat(s).doesNotContain("\n");
    long draws = s.chars().filter(c -> c == '\r').count() - 2; // the clearing is "\r" + blanks + "\r"
    // from 0.5 s on, one draw per 100 ms: 96 draws from 0.5 s to 10.0 s
    assertThat(draws).isBetween(95L, 97L);
    assertThat(s).contains("\rtoys  5000/10000  50%  1000/s  ETA 5.0 s");
    assertThat(s).endsWith("\rtoys  10000/10000  100%  1000/s         \r" + " ".repeat(31) + "\r");
  }

  @Test
  void ttyModePadsShorterLinesCutsLongOnesAndLogsAboveTheLine() {
    TextProgress p = renderer(TextProgress.Mode.TTY);
    p.start("train carl", 100, "epochs");
    clock.seconds(1);
    p.note("x".repeat(100));
    String first = text.toString();
    assertThat(first).startsWith("\r").hasSize(1 + 79).endsWith("…");
    clock.seconds(1);
    p.note(null);
    String second = text.toString().substring(first.length());
    assertThat(second).isEqualTo("\r" + "train carl  0/100 epochs  0%  2.0 s" + " ".repeat(79 - 35));
    p.log("read dy: 1000 events");
    assertThat(text.toString().substring(first.length() + second.length()))
        .isEqualTo("\r" + " ".repeat(35) + "\r" + "read dy: 1000 events" + System.lineSeparator());
    p.done(); // nothing drawn since the log line: nothing to clear
    assertThat(text.toString()).endsWith("read dy: 1000 events" + System.lineSeparator());
  }

  @Test
  void ttyModeIsSilentForWorkUnderHalfASecond() {
    TextProgress p = renderer(TextProgress.Mode.TTY);
    p.start("impacts", 4, "");
    clock.seconds(0.4);
    p.advance(4);
    p.done();
    assertThat(text.toString()).isEmpty();
  }

  @Test
  void aZeroDelayShowsTheFirstUpdate() {
    TextProgress p = new TextProgress(new PrintWriter(text), TextProgress.Mode.PLAIN, () -> clock.now, 80, 0);
    p.start("patchset", 3, "");
    clock.seconds(0.1);
    p.advance(1);
    clock.seconds(0.1);
    p.advance(2);
    p.done();
    assertThat(lines()).containsExactly("patchset  1/3  33%  10.0/s  ETA 0.2 s", "patchset: 3/3 in 0.2 s, 15.0/s");
  }

  @Test
  void manyShortTasksInARowAreLongWork() {
    TextProgress p = renderer(TextProgress.Mode.PLAIN);
    for (int k = 0; k < 10; k++) { // ten CLs iterations of 0.9 s each
      p.start("toys", 9, "");
      for (int i = 0; i < 9; i++) {
        clock.seconds(0.1);
        p.advance(1);
      }
      p.done();
    }
    // lines at 2.0 s (3rd task) and 7.0 s (8th task), each task that was shown with its final line
    assertThat(lines()).containsExactly("toys  2/9  22%  10.0/s  ETA 0.7 s", "toys: 9/9 in 0.9 s, 10.0/s",
        "toys  7/9  78%  10.0/s  ETA 0.2 s", "toys: 9/9 in 0.9 s, 10.0/s");
  }

  @Test
  void anAdvanceWithANoteIsOneUpdate() {
    TextProgress p = new TextProgress(new PrintWriter(text), TextProgress.Mode.PLAIN, () -> clock.now, 80, 0);
    p.start("ensemble", 2, "members");
    clock.seconds(3);
    p.advance(1, "member 2 done");
    p.done();
    assertThat(lines()).containsExactly("ensemble  1/2 members  50%  3.00 s/member  ETA 3.0 s  member 2 done",
        "ensemble: 1/2 members in 3.0 s, 3.00 s/member, member 2 done");
  }

  @Test
  void updatesFromManyThreadsAreAllCounted() throws InterruptedException {
    TextProgress p = new TextProgress(new PrintWriter(text), TextProgress.Mode.PLAIN, System::nanoTime, 80, 0);
    p.start("toys", 40_000, "");
    Thread[] ts = new Thread[4];
    for (int t = 0; t < ts.length; t++) {
      ts[t] = new Thread(() -> {
        for (int i = 0; i < 10_000; i++) {
          p.advance(1);
        }
      });
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    p.done();
    assertThat(lines()).last().asString().startsWith("toys: 40000/40000 in ");
  }

  @Test
  void durationsAndRates() {
    assertThat(TextProgress.duration(12.34)).isEqualTo("12.3 s");
    assertThat(TextProgress.duration(125)).isEqualTo("2 min 05 s");
    assertThat(TextProgress.rate(400, 2, "epochs")).isEqualTo("200 epochs/s");
    assertThat(TextProgress.rate(3, 2, "")).isEqualTo("1.50/s");
    assertThat(TextProgress.rate(4, 10, "epochs")).isEqualTo("2.50 s/epoch");
  }
}
