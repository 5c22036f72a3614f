package io.sumbin.histmodel.modifier;

/** Where each parameter set starts in the flat parameter vector. */
public interface ParameterLayout {
  /** Index of the first component of parameter set {@code name}. */
  int offset(String name);
}
