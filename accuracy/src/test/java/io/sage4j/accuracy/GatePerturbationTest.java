package io.sage4j.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.reference.attention.AttentionAlgorithm;
import io.sage4j.reference.attention.Fp4Variant;
import io.sage4j.reference.attention.PvAccumulation;
import io.sage4j.reference.attention.Sage2Config;
import io.sage4j.reference.attention.Sage3Config;
import io.sage4j.reference.attention.SageAttention2Algorithm;
import io.sage4j.reference.attention.SageAttention3Algorithm;
import io.sage4j.reference.attention.TileOrder;
import io.sage4j.reference.quant.TokenGrouping;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gate notices regressions: a perturbed configuration run under a default algorithm's name (so judged by that
 * algorithm's thresholds) must fail it, on the workload where the perturbation matters. And it tolerates legitimate
 * numerics changes (tile order, accumulator layout, the upstream fast-math quantizer): those must pass. Each case
 * runs only the workloads it names, at CI sizes, seed 1.
 */
class GatePerturbationTest {
    private static Evaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new Evaluator(Runtime.getRuntime().availableProcessors());
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static GateReport gate(String asName, AttentionAlgorithm perturbed, Workload... workloads) {
        GateReport report = AccuracyGate.bundled(SizeProfile.CI).run(1, List.of(workloads),
                List.of(new Candidate(asName, perturbed)), evaluator, AccuracyGate.SILENT);
        System.out.println(GateTable.results(report.results()));
        return report;
    }

    private static void assertFailsOn(GateReport report, Workload expected) {
        String table = GateTable.results(report.results());
        assertFalse(report.passed(), "the perturbed algorithm passed the gate:\n" + table);
        AccuracyResult r = report.results().stream().filter(x -> x.workload().equals(expected.cliName()))
                .findFirst().orElseThrow();
        assertFalse(r.passed(), "expected a failure on " + expected.cliName() + ":\n" + table);
    }

    @Test
    void roundingFlippedToTruncationInThePvAccumulatorFails() {
        // FP22 truncation (toward zero) instead of round-to-nearest float32 accumulation: the error grows with the
        // number of chunks accumulated, so the long context shows it.
        GateReport r = gate("sage2-int8",
                new SageAttention2Algorithm(Sage2Config.sm90().withPvAccumulation(PvAccumulation.FP22_TRUNCATED)),
                Workload.LONG_CONTEXT);
        assertFailsOn(r, Workload.LONG_CONTEXT);
    }

    @Test
    void kSmoothingSwitchedOffFails() {
        GateReport r = gate("sage2-int8", new SageAttention2Algorithm(Sage2Config.sm90().withSmoothK(false)),
                Workload.CHANNEL_BIAS_K);
        assertFailsOn(r, Workload.CHANNEL_BIAS_K);
    }

    @Test
    void perBlockInt8ScalesInsteadOfPerThreadFailTheAblationOrder() {
        // At INT8 a coarser scale adds only 2..10% error, inside the thresholds' headroom; the gate catches it
        // because sage2-int8 then no longer beats its per-block ablation variant (SA2 Table 6).
        GateReport r = AccuracyGate.bundled(SizeProfile.CI).run(1, List.of(Workload.PEAKED_SOFTMAX), List.of(
                new Candidate("sage2-int8", new SageAttention2Algorithm(Sage2Config.sm90().withGroupings(
                        TokenGrouping.perBlock(64), TokenGrouping.perBlock(128)))),
                AccuracyAlgorithm.SAGE2_INT8_PER_BLOCK.candidate()), evaluator, AccuracyGate.SILENT);
        System.out.println(GateTable.format(r));
        assertFalse(r.passed(), GateTable.format(r));
        assertTrue(r.failures().stream().anyMatch(f -> f.startsWith("ablation 'SA2: per-block < per-thread INT8'")),
                r.failures().toString());
    }

    @Test
    void fp4ScaleRoundingChangedToPowerOfTwoFails() {
        // MXFP4's UE8M0 scale, rounded up to a power of two (NVIDIA's RCEIL rule), where NVFP4 rounds a UE4M3 scale.
        GateReport r = gate("sage3-fp4",
                new SageAttention3Algorithm(Sage3Config.defaults().withVariant(Fp4Variant.MXFP4_NVIDIA_RCEIL)),
                Workload.GAUSSIAN);
        assertFailsOn(r, Workload.GAUSSIAN);
    }

    @Test
    void qSmoothingSwitchedOffInSage3Fails() {
        GateReport r = gate("sage3-fp4", new SageAttention3Algorithm(Sage3Config.defaults().withSmoothing(true, false)),
                Workload.OUTLIER_QK);
        assertFailsOn(r, Workload.OUTLIER_QK);
    }

    @Test
    void legitimateNumericsChangesPass() {
        Workload[] some = {Workload.GAUSSIAN, Workload.OUTLIER_QK, Workload.LONG_CONTEXT, Workload.CAUSAL};
        List<GateReport> reports = List.of(
                gate("sage2-int8", new SageAttention2Algorithm(Sage2Config.sm90().withTiles(64, 128,
                        TileOrder.DESCENDING)), some),
                gate("sage2-int8", new SageAttention2Algorithm(Sage2Config.sm90().withTiles(128, 64,
                        TileOrder.ASCENDING)), some),
                gate("sage2-int8", new SageAttention2Algorithm(Sage2Config.sm90().withPvAccumulation(
                        PvAccumulation.FP32)), some),
                gate("sage3-fp4", new SageAttention3Algorithm(Sage3Config.defaults().withKvOrder(TileOrder.ASCENDING)),
                        some),
                gate("sage3-fp4", new SageAttention3Algorithm(Sage3Config.defaults().withVariant(
                        Fp4Variant.NVFP4_UPSTREAM_FAST_MATH)), some));
        for (GateReport r : reports) {
            assertEquals(some.length, r.results().size());
            assertTrue(r.passed(), "a legitimate change failed the gate:\n" + GateTable.results(r.results()));
        }
    }
}
