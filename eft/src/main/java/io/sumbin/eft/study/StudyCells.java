package io.sumbin.eft.study;

import io.sumbin.histmodel.parallel.Work;
import io.sumbin.pyhf.Json;
import java.nio.file.Path;

/**
 * The cells of a study as {@link Work} for {@code study --engine spark}: unit k runs the k-th chosen
 * cell ({@link BinningStudy#runCell}) on one thread. The study travels as its JSON text and file name
 * (LHE paths are resolved against it, so a cluster needs the event files at the same path, e.g. on a
 * shared file system); each JVM that runs cells parses it and builds its events once. A cell's row
 * depends only on the study and the cell, so the rows equal those of the threads engine.
 */
public final class StudyCells implements Work<Void, StudyRow> {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String json;
  private final int[] cells;
  /** Built on first use in each JVM (the driver passes the events it loaded). */
  private transient volatile StudyEvents events;

  /**
   * @param events the study's events (used in this JVM; other JVMs rebuild them from the definition)
   * @param cells the indices of the cells to run, in output order
   */
  public StudyCells(StudyEvents events, int[] cells) {
    StudyDefinition def = events.study();
    this.file = def.file().toAbsolutePath().toString();
    this.json = Json.compact(def.json());
    this.cells = cells.clone();
    this.events = events;
  }

  private StudyEvents events() {
    StudyEvents e = events;
    if (e == null) {
      synchronized (this) {
        e = events;
        if (e == null) {
          e = StudyEvents.load(StudyDefinition.parse(Json.parse(json, file), Path.of(file)));
          events = e;
        }
      }
    }
    return e;
  }

  @Override
  public Void newWorker() {
    return null;
  }

  @Override
  public StudyRow run(Void worker, int unit) {
    StudyEvents e = events();
    return BinningStudy.runCell(e, e.study().cells().get(cells[unit]), 1);
  }

  @Override
  public String name() {
    return "study cells";
  }
}
