package io.sage4j.reference.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Varlen attention is, bit for bit, one independent call per sequence. */
class VarlenAttentionTest {
    private static final int HQ = 4;
    private static final int HKV = 2;
    private static final int D = 32;
    // Sequence 1 has no queries, sequence 3 queries but no keys.
    private static final CuSeqlens CU = new CuSeqlens(new int[] {0, 5, 5, 12, 15}, new int[] {0, 7, 10, 21, 21});

    @Test
    void equalsOneCallPerSequenceForEveryAlgorithm() {
        float[] q = Workloads.gaussian(1, CU.totalQ() * HQ * D);
        float[] k = Workloads.gaussian(2, CU.totalK() * HKV * D);
        float[] v = Workloads.gaussian(3, CU.totalK() * HKV * D);
        AttentionOptions options = AttentionOptions.DEFAULT.withCausal(CausalAlignment.BOTTOM_RIGHT).withLse();
        for (AttentionAlgorithm algorithm : List.of(new ExactAttention(), new SageAttention2Algorithm(),
                new SageAttention3Algorithm())) {
            AttentionResult packed = VarlenAttention.compute(algorithm, q, k, v, HQ, HKV, D, CU, options);
            int[] cq = CU.q();
            int[] ck = CU.k();
            for (int s = 0; s < CU.sequences(); s++) {
                int nq = cq[s + 1] - cq[s];
                int nk = ck[s + 1] - ck[s];
                if (nq == 0) {
                    continue;
                }
                float[] out = Arrays.copyOfRange(packed.output(), cq[s] * HQ * D, cq[s + 1] * HQ * D);
                if (nk == 0) {
                    assertArrayEquals(new float[out.length], out, "queries without keys: output 0");
                    for (int h = 0; h < HQ; h++) {
                        for (int i = cq[s]; i < cq[s + 1]; i++) {
                            assertEquals(Float.NEGATIVE_INFINITY, packed.lse()[h * CU.totalQ() + i]);
                        }
                    }
                    continue;
                }
                AttentionInputs alone = new AttentionInputs(new AttentionShape(1, HQ, HKV, nq, nk, D), Layout.NHD,
                        Arrays.copyOfRange(q, cq[s] * HQ * D, cq[s + 1] * HQ * D),
                        Arrays.copyOfRange(k, ck[s] * HKV * D, ck[s + 1] * HKV * D),
                        Arrays.copyOfRange(v, ck[s] * HKV * D, ck[s + 1] * HKV * D), options);
                AttentionResult expected = algorithm.compute(alone);
                assertArrayEquals(expected.output(), out, algorithm.getClass().getSimpleName() + " sequence " + s);
                for (int h = 0; h < HQ; h++) {
                    for (int i = 0; i < nq; i++) {
                        assertEquals(expected.lse()[h * nq + i], packed.lse()[h * CU.totalQ() + cq[s] + i],
                                "LSE is [Hq, totalQ]");
                    }
                }
            }
        }
    }

    @Test
    void invalidCuSeqlensAreRejectedWithTheirValues() {
        assertMessage(() -> new CuSeqlens(new int[] {1, 4}, new int[] {0, 4}), "cuSeqlensQ[0] must be 0, got 1");
        assertMessage(() -> new CuSeqlens(new int[] {0, 4, 3}, new int[] {0, 4, 5}),
                "cuSeqlensQ must be non-decreasing, but cuSeqlensQ[2] = 3 < cuSeqlensQ[1] = 4");
        assertMessage(() -> new CuSeqlens(new int[] {0, 4}, new int[] {0, 4, 5}),
                "cuSeqlensQ has 2 entries and cuSeqlensK 3");
        assertMessage(() -> new CuSeqlens(new int[] {0}, new int[] {0}), "cuSeqlensQ must hold at least 2 entries");
        assertMessage(() -> new CuSeqlens(null, new int[] {0, 1}), "cuSeqlensQ must not be null");
        CuSeqlens cu = new CuSeqlens(new int[] {0, 3}, new int[] {0, 4});
        assertMessage(() -> VarlenAttention.compute(new ExactAttention(), new float[4 * HQ * D], new float[4 * HKV * D],
                new float[4 * HKV * D], HQ, HKV, D, cu, AttentionOptions.DEFAULT),
                "q has 512 elements but q [totalQ=3 (cuSeqlensQ's last entry), Hq=4, D=32] needs 384");
        boolean[] keep = new boolean[12];
        assertMessage(() -> VarlenAttention.compute(new ExactAttention(), new float[3 * HQ * D], new float[4 * HKV * D],
                new float[4 * HKV * D], HQ, HKV, D, cu,
                AttentionOptions.DEFAULT.withMask(AttentionMask.keepBroadcast(keep, 3, 4))),
                "options.mask must be null for varlen attention");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expectedStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
