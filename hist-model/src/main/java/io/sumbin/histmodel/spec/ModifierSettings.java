package io.sumbin.histmodel.spec;

import io.sumbin.histmodel.interp.InterpCode;

/**
 * Interpolation codes per modifier type. Defaults as pyhf: normsys code 4, histosys code 4p.
 *
 * @param normsys code1 or code4
 * @param histosys code0, code2 or code4p
 */
public record ModifierSettings(InterpCode normsys, InterpCode histosys) {
  /** pyhf's defaults. */
  public static final ModifierSettings DEFAULT = new ModifierSettings(InterpCode.CODE4, InterpCode.CODE4P);

  /** ROOT HistFactory's historical defaults (normsys code 1, histosys code 0). */
  public static final ModifierSettings ROOT = new ModifierSettings(InterpCode.CODE1, InterpCode.CODE0);

  public ModifierSettings {
    if (!normsys.multiplicative()) {
      throw new io.sumbin.histmodel.BadInputException("normsys needs a multiplicative interpolation code (code1 or code4), got " + normsys.pyhfName());
    }
    if (histosys.multiplicative()) {
      throw new io.sumbin.histmodel.BadInputException("histosys needs an additive interpolation code (code0, code2 or code4p), got " + histosys.pyhfName());
    }
  }

  public ModifierSettings withNormsys(InterpCode c) {
    return new ModifierSettings(c, histosys);
  }

  public ModifierSettings withHistosys(InterpCode c) {
    return new ModifierSettings(normsys, c);
  }
}
