/**
 * The on-disk format of saved models: path-aware reading and writing of {@code summary.json}
 * ({@link io.sumbin.summaries.persistence.MetaJson}) and its error,
 * {@link io.sumbin.summaries.persistence.SummaryFormatException} (bad input: names the file and the JSON
 * path). Below the API: imports nothing of sumbin but hist-model's error hierarchy (and no DJL).
 */
package io.sumbin.summaries.persistence;
