package io.sumbin.histmodel.infer;

import java.util.ArrayList;
import java.util.List;

/** Iso-contours of a function sampled on a rectilinear grid (marching squares, linear interpolation on cell edges). */
public final class Contours {
  private Contours() {}

  /**
   * Segments {x0, y0, x1, y1} of the level set f = level.
   *
   * @param f values f[i][j] at (x[i], y[j]) (read)
   */
  public static List<double[]> marchingSquares(double[] x, double[] y, double[][] f, double level) {
    List<double[]> segs = new ArrayList<>();
    for (int i = 0; i + 1 < x.length; i++) {
      for (int j = 0; j + 1 < y.length; j++) {
        // corners in counter-clockwise order: (i,j), (i+1,j), (i+1,j+1), (i,j+1)
        double[] cx = {x[i], x[i + 1], x[i + 1], x[i]};
        double[] cy = {y[j], y[j], y[j + 1], y[j + 1]};
        double[] v = {f[i][j], f[i + 1][j], f[i + 1][j + 1], f[i][j + 1]};
        boolean any = false;
        for (double vv : v) {
          any |= Double.isNaN(vv);
        }
        if (any) {
          continue;
        }
        List<double[]> pts = new ArrayList<>(4);
        for (int e = 0; e < 4; e++) {
          double a = v[e] - level;
          double b = v[(e + 1) % 4] - level;
          if ((a < 0) != (b < 0)) {
            double t = a / (a - b);
            pts.add(new double[] {cx[e] + t * (cx[(e + 1) % 4] - cx[e]), cy[e] + t * (cy[(e + 1) % 4] - cy[e])});
          }
        }
        if (pts.size() == 2) {
          segs.add(new double[] {pts.get(0)[0], pts.get(0)[1], pts.get(1)[0], pts.get(1)[1]});
        } else if (pts.size() == 4) {
          // saddle cell: decide by the centre value
          double centre = 0.25 * (v[0] + v[1] + v[2] + v[3]) - level;
          boolean firstBelow = v[0] - level < 0;
          if ((centre < 0) == firstBelow) {
            segs.add(new double[] {pts.get(0)[0], pts.get(0)[1], pts.get(3)[0], pts.get(3)[1]});
            segs.add(new double[] {pts.get(1)[0], pts.get(1)[1], pts.get(2)[0], pts.get(2)[1]});
          } else {
            segs.add(new double[] {pts.get(0)[0], pts.get(0)[1], pts.get(1)[0], pts.get(1)[1]});
            segs.add(new double[] {pts.get(2)[0], pts.get(2)[1], pts.get(3)[0], pts.get(3)[1]});
          }
        }
      }
    }
    return segs;
  }
}
