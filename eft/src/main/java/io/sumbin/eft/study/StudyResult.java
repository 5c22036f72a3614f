package io.sumbin.eft.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.histmodel.infer.toys.Shard;
import java.util.List;

/**
 * A study's table: the rows of all cells (a full run or a merge) or of one shard (a piece), with
 * what identifies the study. Everything except {@code run} and the rows' wall times is a pure
 * function of the study definition: a merge of the pieces of shards 1/N … N/N equals the unsharded
 * run.
 *
 * @param name the study's name
 * @param digest SHA-256 of the definition ({@link StudyDefinition#digest()})
 * @param study the definition as read (JSON)
 * @param source what the events are (type, events, cross sections, POI, truth, units)
 * @param cells number of cells of the whole grid
 * @param shard the shard of a piece, or null for a complete table
 * @param versions program versions
 * @param rows the rows in cell order
 * @param run timing and provenance (threads, wall time, inputs of a merge); not reproducible
 */
public record StudyResult(String name, String digest, JsonNode study, ObjectNode source, int cells, Shard shard,
    ObjectNode versions, List<StudyRow> rows, ObjectNode run) {
  public StudyResult {
    study = study.deepCopy();
    source = source.deepCopy();
    versions = versions.deepCopy();
    run = run.deepCopy();
    rows = List.copyOf(rows);
  }

  /** Whether this is one shard's piece of a sharded run. */
  public boolean piece() {
    return shard != null;
  }

  /** Whether every cell's fits converged. */
  public boolean converged() {
    return BinningStudy.allConverged(rows);
  }

  /** The coefficient's name (from the source summary). */
  public String poi() {
    return source.path("poi").asText();
  }

  /** The luminosity unit (from the source summary). */
  public String luminosityUnit() {
    return source.path("luminosity_unit").asText();
  }
}
