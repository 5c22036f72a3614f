package io.sumbin.summaries.shape;

import io.sumbin.summaries.InputEncoding;
import io.sumbin.summaries.TrainingSettings;
import java.util.List;

/**
 * How a learned shape ratio g(x, ±1) is trained ({@link ShapeRatios#train}). Immutable; change with the
 * {@code withX} copies.
 *
 * @param features names of the event features the classifiers see (columns of the event tables)
 * @param training network, schedule and seed; its validation fraction is the share of every sample
 *     (nominal, up, down) held out for early stopping, calibration and the closure checks (must be &gt; 0)
 * @param calibration how the classifier's logit is calibrated on the held-out events
 * @param calibrationBins bins of the {@link Calibration#HISTOGRAM histogram} calibration (≥ 2)
 * @param normalize divide ĝ by its weighted mean over the held-out nominal events, so that
 *     E_0[ĝ] = 1 holds exactly there (the shape convention; the rate goes to G)
 */
public record ShapeTraining(
    List<String> features, TrainingSettings training, Calibration calibration, int calibrationBins, boolean normalize) {

  /** Calibration of the classifier's logit ℓ(x) on held-out events. */
  public enum Calibration {
    /** ĝ = exp(ℓ) = s/(1 − s) as trained. */
    NONE,
    /**
     * Platt scaling: ĝ = exp(a + bℓ) with (a, b) maximising the class-balanced weighted likelihood of
     * the held-out events (two parameters: little calibration noise; corrects over- or under-confident
     * networks).
     */
    PLATT,
    /**
     * Histogram calibration (arXiv:1506.02169, §3): ĝ = p̂_±(ℓ)/p̂_0(ℓ) from weighted histograms of ℓ
     * of the held-out events in equal-population bins, interpolated linearly in log between bin centres.
     * Exact in the limit of many held-out events whatever the network learned, but noisy with few.
     */
    HISTOGRAM
  }

  /** Platt calibration, 20 histogram bins (unused), normalised; the given network settings. */
  public static ShapeTraining of(List<String> features, TrainingSettings training) {
    return new ShapeTraining(features, training, Calibration.PLATT, 20, true);
  }

  public ShapeTraining {
    features = List.copyOf(features);
    if (features.isEmpty()) {
      throw new IllegalArgumentException("shape training: no features");
    }
    if (training == null || calibration == null) {
      throw new IllegalArgumentException("shape training: training settings and calibration are required");
    }
    if (!(training.validationFraction() > 0)) {
      throw new IllegalArgumentException("shape training: the validation fraction must be > 0 (held-out events calibrate"
          + " and check the ratio), got " + training.validationFraction());
    }
    if (training.encoding() != InputEncoding.STANDARD) {
      throw new IllegalArgumentException("shape training: only the STANDARD input encoding is supported, got "
          + training.encoding());
    }
    if (calibrationBins < 2) {
      throw new IllegalArgumentException("shape training: calibration bins must be >= 2, got " + calibrationBins);
    }
  }

  public ShapeTraining withFeatures(List<String> f) {
    return new ShapeTraining(f, training, calibration, calibrationBins, normalize);
  }

  public ShapeTraining withTraining(TrainingSettings t) {
    return new ShapeTraining(features, t, calibration, calibrationBins, normalize);
  }

  public ShapeTraining withCalibration(Calibration c) {
    return new ShapeTraining(features, training, c, calibrationBins, normalize);
  }

  public ShapeTraining withCalibrationBins(int bins) {
    return new ShapeTraining(features, training, calibration, bins, normalize);
  }

  public ShapeTraining withNormalize(boolean n) {
    return new ShapeTraining(features, training, calibration, calibrationBins, n);
  }
}
