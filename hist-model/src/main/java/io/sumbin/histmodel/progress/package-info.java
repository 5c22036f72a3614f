/**
 * Progress of long work: the {@link io.sumbin.histmodel.progress.ProgressListener} that library loops
 * (toys, belt points, coverage experiments, impacts, training epochs, study cells, analysis phases)
 * report to, a no-op by default, and {@link io.sumbin.histmodel.progress.TextProgress}, the one text
 * renderer (an updating terminal line, or plain lines for logs). Imports nothing of sumbin.
 */
package io.sumbin.histmodel.progress;
