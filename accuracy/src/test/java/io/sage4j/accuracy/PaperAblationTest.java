package io.sage4j.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The papers' ablations order the same way on more seeds than the gate's seed 1 (CI sizes), and the order check
 * itself reports a reversal.
 */
class PaperAblationTest {
    private static final long[] SEEDS = {2, 3, 4};
    private static Evaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new Evaluator(Runtime.getRuntime().availableProcessors());
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    /** The results every ablation needs, on one seed. */
    private static List<AccuracyResult> ablationResults(long seed) {
        Set<Workload> workloads = new LinkedHashSet<>();
        for (PaperAblation a : PaperAblation.values()) {
            workloads.add(a.workload());
        }
        List<AccuracyResult> results = new ArrayList<>();
        for (Workload w : workloads) {
            Set<AccuracyAlgorithm> needed = new LinkedHashSet<>();
            for (PaperAblation a : PaperAblation.values()) {
                if (a.workload() == w) {
                    needed.addAll(a.worseToBetter());
                }
            }
            results.addAll(evaluator.evaluate(w.generate(SizeProfile.CI, seed), SizeProfile.CI,
                    needed.stream().map(AccuracyAlgorithm::candidate).toList(), work -> {}));
        }
        return results;
    }

    @Test
    void everyAblationOrdersAsThePaperFoundOnFurtherSeeds() {
        List<String> problems = new ArrayList<>();
        for (long seed : SEEDS) {
            List<AccuracyResult> results = ablationResults(seed);
            List<AblationVerdict> verdicts = new ArrayList<>();
            for (PaperAblation a : PaperAblation.values()) {
                AblationVerdict v = a.check(results).orElseThrow();
                verdicts.add(v);
                if (!v.ordered()) {
                    problems.add("seed " + seed + ": " + a.title() + ": " + v.reversals());
                }
            }
            System.out.println("seed " + seed + ":\n" + GateTable.ablations(verdicts));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void aReversedOrderIsReported() {
        // The better variant's result relabelled as the worse one and vice versa: the check must object.
        PaperAblation a = PaperAblation.SA2_SMOOTH_K;
        List<AccuracyResult> results = evaluator.evaluate(a.workload().generate(SizeProfile.CI, 1), SizeProfile.CI,
                List.of(new Candidate(a.worseToBetter().get(0).cliName(), a.worseToBetter().get(1).create()),
                        new Candidate(a.worseToBetter().get(1).cliName(), a.worseToBetter().get(0).create())),
                work -> {});
        AblationVerdict v = a.check(results).orElseThrow();
        assertFalse(v.ordered());
        assertEquals(3, v.reversals().size(), v.reversals().toString());
    }

    @Test
    void anAblationWithoutAllItsResultsIsNotJudged() {
        PaperAblation a = PaperAblation.SA3_SMOOTHING;
        List<AccuracyResult> results = evaluator.evaluate(a.workload().generate(SizeProfile.CI, 1), SizeProfile.CI,
                List.of(a.worseToBetter().getFirst().candidate()), work -> {});
        assertEquals(Optional.empty(), a.check(results));
    }
}
