package io.moatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Contract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job's stage declarations agree with each other and with the schema (no session needed). */
class StagesTest {
  @Test
  void theJobsStagesFindWhatTheyNeedAndAddExactlyTheAnalysedColumns() {
    List<String> after = Contract.check(MoatwatchJob.contracts(MoatwatchJob.stages(0)));
    List<String> expected = new ArrayList<>(Columns.names(Columns.ANALYSED));
    expected.add(Columns.RUN_ID);
    assertThat(after).containsExactlyElementsOf(expected);
  }
}
