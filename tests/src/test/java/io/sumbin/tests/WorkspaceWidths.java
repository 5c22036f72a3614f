package io.sumbin.tests;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Pre-fit centre and width of a constrained parameter read straight from a pyhf workspace's JSON
 * (pyhf's conventions, written out independently of the compiler): normsys/histosys N(0, 1); lumi
 * N(aux, sigma) from the measurement; shapesys γ around 1 with width δ_b/ν_b; staterror around 1 with
 * width √(Σ_s δ_sb²)/Σ_s ν_sb over the samples of the channel that carry it. Measurement overrides of
 * auxdata and sigmas are honoured.
 */
final class WorkspaceWidths {
  private WorkspaceWidths() {}

  /** {centre, width} of expanded parameter {@code par} of modifier type {@code kind}. */
  static double[] of(JsonNode ws, String measurement, String par, String kind) {
    String set = par.contains("[") ? par.substring(0, par.indexOf('[')) : par;
    int comp = par.contains("[") ? Integer.parseInt(par.substring(par.indexOf('[') + 1, par.length() - 1)) : 0;
    double centre = kind.equals("normsys") || kind.equals("histosys") ? 0.0 : 1.0;
    double width = 1.0;
    if (kind.equals("shapesys") || kind.equals("staterror")) {
      for (JsonNode ch : ws.get("channels")) {
        double sumNu = 0;
        double sumD2 = 0;
        boolean found = false;
        for (JsonNode s : ch.get("samples")) {
          for (JsonNode mod : s.get("modifiers")) {
            if (mod.get("name").asText().equals(set) && mod.get("type").asText().equals(kind)) {
              found = true;
              double nu = s.get("data").get(comp).asDouble();
              double delta = mod.get("data").get(comp).asDouble();
              sumNu += nu;
              sumD2 += delta * delta;
            }
          }
        }
        if (found) {
          width = Math.sqrt(sumD2) / sumNu;
        }
      }
    }
    for (JsonNode meas : ws.get("measurements")) {
      if (!meas.get("name").asText().equals(measurement)) {
        continue;
      }
      for (JsonNode p : meas.path("config").path("parameters")) {
        if (p.get("name").asText().equals(set)) {
          if (p.has("auxdata")) {
            centre = p.get("auxdata").get(comp).asDouble();
          }
          if (p.has("sigmas")) {
            width = p.get("sigmas").get(comp).asDouble();
          }
        }
      }
    }
    return new double[] {centre, width};
  }
}
