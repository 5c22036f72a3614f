package io.sumbin.binning.lhe;

/**
 * One {@code <weight id='...'>text</weight>} declaration of the header's {@code <initrwgt>} block.
 *
 * @param id the weight id used by every event's {@code <wgt id='...'>}
 * @param group name of the enclosing {@code <weightgroup>} ("" if none)
 * @param text the element's text, trimmed (MadGraph: the {@code set param_card ...} commands)
 */
public record WeightDeclaration(String id, String group, String text) {}
