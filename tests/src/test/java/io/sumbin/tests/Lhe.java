package io.sumbin.tests;

import java.util.Collections;

/** Small Les Houches event files for tests: one Higgs per event, weights SM, cA = 0.1 and cA = 0.2. */
final class Lhe {
  private Lhe() {}

  /** The per-event reweighting block (w(cA) = 1 + 1.5 cA + 5 cA²). */
  static final String WEIGHTS = String.join("\n",
      "<rwgt>",
      "<wgt id='SM'> 1.0 </wgt>",
      "<wgt id='cA_0p1'> 1.2 </wgt>",
      "<wgt id='cA_0p2'> 1.5 </wgt>",
      "</rwgt>");

  /** A file with {@code events} identical events carrying {@code weights}. */
  static String text(int events, String weights) {
    String event = String.join("\n",
        "<event>",
        " 3      1 +1.0000000e+00 1.0e+02 7.5e-03 1.1e-01",
        "        2 -1    0    0  501    0 0 0 +5.0e+02 5.0e+02 0 0 -1",
        "        2 -1    0    0  502    0 0 0 -5.0e+02 5.0e+02 0 0 -1",
        "       25  1    1    2    0    0 0 0 0 1.25e+02 1.25e+02 0 0",
        weights,
        "</event>");
    return String.join("\n",
        "<LesHouchesEvents version=\"3.0\">",
        "<header>",
        "<initrwgt>",
        "<weightgroup name='mg_reweighting'>",
        "<weight id='SM'></weight>",
        "<weight id='cA_0p1'>set param_card smeft 1 0.1</weight>",
        "<weight id='cA_0p2'>set param_card smeft 1 0.2</weight>",
        "</weightgroup>",
        "</initrwgt>",
        "</header>",
        "<init>",
        "2212 2212 6.5e+03 6.5e+03 0 0 247000 247000 -4 1",
        "1.0e+00 1.0e-02 1.0e+00 1",
        "</init>",
        String.join("\n", Collections.nCopies(events, event)),
        "</LesHouchesEvents>",
        "");
  }
}
