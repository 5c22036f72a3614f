package io.sumbin.readme;

// tag::study[]
import io.sumbin.cli.plot.StudyPlots;
import io.sumbin.eft.study.BinningStudy;
import io.sumbin.eft.study.StudyDefinition;
import io.sumbin.eft.study.StudyEvents;
import io.sumbin.eft.study.StudyFiles;
import io.sumbin.eft.study.StudyResult;
import io.sumbin.eft.study.StudyRow;
import io.sumbin.histmodel.infer.toys.Shard;
import java.util.List;
// end::study[]

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.pyhf.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's study block on the shipped quadratic-binning study (432 cells, a few seconds). */
class StudySnippetTest {
  @Test
  void quadraticBinning(@TempDir Path tmp) {
    Path file = Path.of("..", "examples", "studies", "quadratic-binning.json");
    Path dir = tmp.resolve("out");
    Path pieces = tmp.resolve("pieces");
    StudyDefinition def = StudyDefinition.read(file);
    StudyEvents ev = StudyEvents.load(def);
    for (int k = 1; k <= 3; k++) { // the three pieces of `--shard k/3`
      Shard shard = new Shard(k, 3);
      StudyFiles.write(StudyFiles.result(ev, shard, BinningStudy.run(ev, shard, 2, (done, total, row) -> {}),
          Json.MAPPER.createObjectNode()), pieces);
    }
    Path piece1 = pieces.resolve("study-1-of-3.json");
    Path piece2 = pieces.resolve("study-2-of-3.json");
    Path piece3 = pieces.resolve("study-3-of-3.json");
    // tag::study[]
    StudyDefinition d = StudyDefinition.read(file);   // file = Path.of("examples/studies/quadratic-binning.json"); InputException: file, JSON path, what
    StudyEvents events = StudyEvents.load(d);                           // toy or LHE → EventQuadratics + columns
    List<StudyRow> rows = BinningStudy.run(events, Shard.ALL, 2, (done, total, row) -> {});
    StudyResult r = StudyFiles.result(events, rows);    // + the study's identification, source summary
    StudyFiles.write(r, dir);  StudyPlots.write(r, dir);                // study.json, study.csv, PNGs
    rows.get(0).width68();  rows.get(0).fisherBinned();  rows.get(0).fisherBinnedError();  rows.get(0).width68Bound();
    StudyResult all = StudyFiles.merge(List.of(piece1, piece2, piece3));
    // end::study[]
    assertThat(rows).hasSize(432);
    assertThat(Files.isRegularFile(dir.resolve("study.csv"))).isTrue();
    // the README's output block: at L = 100 the narrowest width is u, uniform, 32 bins, 0.008796 against
    // the bound 2/√I = 0.008791
    Map<Double, StudyRow> best = StudyFiles.narrowest(r);
    StudyRow at100 = best.get(100.0);
    assertThat(at100.width68()).isCloseTo(0.008796, within(5e-7));
    assertThat(at100.width68Bound()).isCloseTo(0.008791, within(5e-7));
    assertThat(at100.cell().bins()).isEqualTo(32);
    assertThat(all.rows()).hasSize(432);
    for (int i = 0; i < 432; i++) {
      assertThat(all.rows().get(i).width68()).as("merged row " + i).isEqualTo(rows.get(i).width68());
    }
  }
}
