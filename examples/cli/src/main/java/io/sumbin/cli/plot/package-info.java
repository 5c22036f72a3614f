/**
 * The command line's plots (JFreeChart, PNG): scans and intervals, exclusion curves, comparisons of
 * learned and classical analyses, study summaries. Graphics stay out of the library modules. May import
 * the library modules, never {@code io.sumbin.cli}.
 */
package io.sumbin.cli.plot;
