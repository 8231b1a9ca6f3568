package io.sage4j.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The accuracy gate of the normal test run: every algorithm (defaults and ablation variants) on every workload at
 * CI sizes, seed 1, against the checked-in CI thresholds, and the papers' ablation orders. Prints the table.
 */
class AccuracyGateTest {
    @Test
    void everyAlgorithmOnEveryWorkloadIsWithinItsThresholdsAndAblationsOrderAsThePapers() {
        List<Candidate> all = Arrays.stream(AccuracyAlgorithm.values()).map(AccuracyAlgorithm::candidate).toList();
        GateReport report;
        try (Evaluator evaluator = new Evaluator(Runtime.getRuntime().availableProcessors())) {
            report = AccuracyGate.bundled(SizeProfile.CI).run(1, List.of(Workload.values()), all, evaluator,
                    AccuracyGate.SILENT);
        }
        String table = GateTable.format(report);
        System.out.println(table);

        assertEquals(AccuracyAlgorithm.values().length * Workload.values().length, report.results().size(), table);
        assertEquals(PaperAblation.values().length, report.ablations().size(), "every ablation checked\n" + table);
        assertTrue(report.passed(), "accuracy gate failed:\n" + table);
    }
}
