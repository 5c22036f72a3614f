package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.spec.ModifierSettings;

/** A kind of modifier ({@code normsys}, ...). Kinds are registered in {@link ModifierRegistry}. */
public interface ModifierKind {
  /** The pyhf type string. */
  String type();

  /** A fresh builder for one compilation. */
  ModifierBuilder newBuilder(ModifierSettings settings);
}
