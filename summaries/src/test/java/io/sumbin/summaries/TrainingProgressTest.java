package io.sumbin.summaries;

import static org.assertj.core.api.Assertions.assertThat;

import io.sumbin.histmodel.progress.ProgressListener;
import io.sumbin.summaries.ensemble.EnsembleModel;
import io.sumbin.summaries.ensemble.Ensembles;
import io.sumbin.summaries.loss.RatioLoss;
import io.sumbin.summaries.ratio.ParametrizedRatio;
import io.sumbin.summaries.ratio.RatioClassifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Java caller sees every epoch of a training (and every member of an ensemble) through its listener. */
class TrainingProgressTest {
  /** Records the calls. */
  static final class Recorder implements ProgressListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void start(String task, long total, String unit) {
      events.add("start " + task + " " + total + " " + unit);
    }

    @Override
    public void advance(long n) {
      events.add("advance " + n);
    }

    @Override
    public void note(String text) {
      notes.add(text);
    }

    @Override
    public void done() {
      events.add("done");
    }
  }

  @Test
  void epochsAreReportedWithTheLoss() {
    Recorder r = new Recorder();
    TrainingSettings s = PersistenceTest.QUICK.withProgress(r);
    assertThat(s.progress()).isTrue();
    assertThat(s).as("the listener is not a hyperparameter").isEqualTo(PersistenceTest.QUICK.withProgress(true));
    try (ParametrizedRatio m = RatioClassifier.train(PersistenceTest.TOY.features(), PersistenceTest.TOY.weights(),
        PersistenceTest.PRIOR, PersistenceTest.THETA0, RatioLoss.CARL, s)) {
      assertThat(m.history().epochs()).isEqualTo(3);
    }
    assertThat(r.events).containsExactly("start carl 3 epochs", "advance 1", "advance 1", "advance 1", "done");
    assertThat(r.notes).isNotEmpty().allMatch(n -> n.startsWith("loss ") || n.startsWith("kept epoch "));
    assertThat(r.notes.get(r.notes.size() - 1)).matches("kept epoch [123], loss .*");
  }

  @Test
  void progressOffReportsNothingAndEnsemblesReportMembers() {
    Recorder off = new Recorder();
    TrainingSettings quiet = PersistenceTest.QUICK.withProgress(off).withProgress(false);
    assertThat(quiet.progressListener()).isSameAs(ProgressListener.NONE);
    Recorder r = new Recorder();
    try (EnsembleModel e = Ensembles.train(2, 2, PersistenceTest.QUICK.withMaxEpochs(1).withProgress(r),
        s -> RatioClassifier.train(PersistenceTest.TOY.features(), PersistenceTest.TOY.weights(), PersistenceTest.PRIOR,
            PersistenceTest.THETA0, RatioLoss.CARL, s))) {
      assertThat(e.members()).hasSize(2);
    }
    // members train without progress of their own: the ensemble is the one task
    assertThat(r.events).containsExactly("start ensemble 2 members", "advance 1", "advance 1", "done");
    assertThat(r.notes).hasSize(2).allMatch(n -> n.matches("member [12] \\(carl\\) done: 1 epochs, loss .*"));
  }
}
