package io.sumbin.binning.lhe;

/**
 * One process line of the {@code <init>} block (Les Houches accord, hep-ph/0109068):
 * XSECUP XERRUP XMAXUP LPRUP.
 *
 * @param crossSectionPb XSECUP in pb
 * @param errorPb XERRUP in pb
 * @param maxWeight XMAXUP
 * @param id LPRUP, the process id used by the events' IDPRUP
 */
public record LheProcess(double crossSectionPb, double errorPb, double maxWeight, int id) {}
