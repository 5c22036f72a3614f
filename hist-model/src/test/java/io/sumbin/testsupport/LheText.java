package io.sumbin.testsupport;

import java.util.Collections;

/**
 * Small Les Houches event files for the tests of every module: identical events (two incoming quarks,
 * one outgoing particle) with MadGraph reweighting weights SM, cA = 0.1 and cA = 0.2, so that the
 * per-event weight is w(cA) = 1 + 1.5 cA + 5 cA².
 */
public final class LheText {
  private LheText() {}

  /** A Higgs at rest in the partonic frame (the usual outgoing particle line). */
  public static final String HIGGS = "       25  1    1    2    0    0 0 0 0 1.25e+02 1.25e+02 0 0";

  /** The per-event reweighting block (w(cA) = 1 + 1.5 cA + 5 cA²). */
  public static final String WEIGHTS = String.join("\n",
      "<rwgt>",
      "<wgt id='SM'> 1.0 </wgt>",
      "<wgt id='cA_0p1'> 1.2 </wgt>",
      "<wgt id='cA_0p2'> 1.5 </wgt>",
      "</rwgt>");

  /** A file of {@code events} identical events with outgoing particle line {@code particle} and block {@code weights}. */
  public static String file(int events, String particle, String weights) {
    String event = String.join("\n",
        "<event>",
        " 3      1 +1.0000000e+00 1.0e+02 7.5e-03 1.1e-01",
        "        2 -1    0    0  501    0 0 0 +5.0e+02 5.0e+02 0 0 -1",
        "        2 -1    0    0  502    0 0 0 -5.0e+02 5.0e+02 0 0 -1",
        particle,
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
