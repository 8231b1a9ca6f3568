package io.sage4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.reference.attention.AttentionInputs;
import io.sage4j.reference.attention.AttentionMetrics;
import io.sage4j.reference.attention.AttentionOptions;
import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.ErrorStats;
import io.sage4j.reference.attention.ExactAttention;
import io.sage4j.reference.attention.Layout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What a new user does: arrays in, an answer out, on any machine; and the options that change the result. */
class SageAttentionTest {
    private static float[] gaussian(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    /**
     * Default options (sage2-int8, automatic backend) on Gaussian arrays, B=1, H=4, N=300, D=64: close to exact
     * attention. SageAttention2's accuracy on such inputs is cosSim ≈ 0.9993 (reference module's measurement); the
     * assertion keeps a margin: cosSim ≥ 0.999.
     */
    @Test
    void arraysInAnswerOut() {
        float[] q = gaussian(1, 4 * 300 * 64);
        float[] k = gaussian(2, 4 * 300 * 64);
        float[] v = gaussian(3, 4 * 300 * 64);
        AttentionOutput out = SageAttention.sageattn(HostTensor.of(q, 1, 4, 300, 64), HostTensor.of(k, 1, 4, 300, 64),
                HostTensor.of(v, 1, 4, 300, 64));
        assertArrayEquals(new int[] {1, 4, 300, 64}, out.output().shape());
        AttentionInputs in = new AttentionInputs(AttentionShape.mha(1, 4, 300, 300, 64), Layout.HND, q, k, v,
                AttentionOptions.DEFAULT);
        ErrorStats stats = AttentionMetrics.compare(new ExactAttention().computeExact(in).output(), out.outputArray());
        assertTrue(stats.cosSim() >= 0.999, stats.toString());
        assertEquals("cpu-vector", SageAttention.selectBackend(HostTensor.of(q, 1, 4, 300, 64),
                HostTensor.of(k, 1, 4, 300, 64), HostTensor.of(v, 1, 4, 300, 64), SageAttentionOptions.defaults()).name());
    }

    /** NHD is HND with tokens and heads swapped: the same attention, permuted. */
    @Test
    void layoutsAgree() {
        int b = 2, h = 3, n = 50, d = 32;
        float[] q = gaussian(4, b * h * n * d);
        float[] k = gaussian(5, b * h * n * d);
        float[] v = gaussian(6, b * h * n * d);
        SageAttentionOptions options = SageAttentionOptions.defaults().withCausal(true).withLse();
        AttentionOutput hnd = SageAttention.sageattn(HostTensor.of(q, b, h, n, d), HostTensor.of(k, b, h, n, d),
                HostTensor.of(v, b, h, n, d), options);
        AttentionOutput nhd = SageAttention.sageattn(HostTensor.of(toNhd(q, b, h, n, d), b, n, h, d),
                HostTensor.of(toNhd(k, b, h, n, d), b, n, h, d), HostTensor.of(toNhd(v, b, h, n, d), b, n, h, d),
                options.withLayout(Layout.NHD));
        assertArrayEquals(toNhd(hnd.outputArray(), b, h, n, d), nhd.outputArray());
        assertArrayEquals(hnd.lseArray(), nhd.lseArray());
        assertArrayEquals(new int[] {b, h, n}, hnd.lse().shape());
    }

    /** The automatic choice falls back to cpu-reference for what cpu-vector cannot run (D not a multiple of 16). */
    @Test
    void automaticSelectionFallsBackToTheReferenceBackend() {
        HostTensor x = HostTensor.of(gaussian(7, 2 * 8 * 40), 1, 2, 8, 40);
        SageAttentionOptions exact = SageAttentionOptions.defaults().withAlgorithm(Algorithm.EXACT);
        assertEquals("cpu-reference", SageAttention.selectBackend(x, x, x, exact).name());
        HostTensor y = HostTensor.of(gaussian(8, 2 * 8 * 48), 1, 2, 8, 48);
        assertEquals("cpu-vector", SageAttention.selectBackend(y, y, y, exact).name());
        assertEquals("cpu-reference", SageAttention.selectBackend(y, y, y, exact.withBackend("cpu-reference")).name());
    }

    /** fp16 in, fp16 out; the output is the float32 result narrowed once. */
    @Test
    void halfPrecisionInputsGiveHalfPrecisionOutputs() {
        HostTensor x = HostTensor.of(gaussian(9, 2 * 16 * 64), DType.FP16, 1, 2, 16, 64);
        SageAttentionOptions options = SageAttentionOptions.defaults().withAlgorithm(Algorithm.EXACT)
                .withBackend("cpu-reference");
        AttentionOutput out = SageAttention.sageattn(x, x, x, options);
        assertEquals(DType.FP16, out.output().dtype());
        HostTensor wide = HostTensor.of(x.toFloatArray(), 1, 2, 16, 64);
        float[] reference = SageAttention.sageattn(wide, wide, wide, options).outputArray();
        float[] got = out.outputArray();
        for (int i = 0; i < got.length; i++) {
            assertEquals(DType.FP16.round(reference[i]), got[i], "element " + i);
        }
    }

    /**
     * nonFinite=ALLOW skips the scan: finite inputs give the same result as under REJECT, and a NaN goes through the
     * algorithm (no exception; exact attention propagates it into the rows that read it).
     */
    @Test
    void allowingNonFiniteInputsSkipsTheScanOnly() {
        float[] values = gaussian(10, 2 * 32 * 64);
        HostTensor x = HostTensor.of(values, 1, 2, 32, 64);
        SageAttentionOptions reject = SageAttentionOptions.defaults().withAlgorithm(Algorithm.EXACT);
        SageAttentionOptions allow = reject.withNonFinite(NonFinitePolicy.ALLOW);
        assertArrayEquals(SageAttention.sageattn(x, x, x, reject).outputArray(),
                SageAttention.sageattn(x, x, x, allow).outputArray());
        values[5] = Float.NaN;  // q and k row 0 of head 0, channel 5
        HostTensor withNaN = HostTensor.of(values, 1, 2, 32, 64);
        float[] out = SageAttention.sageattn(withNaN, withNaN, withNaN, allow).outputArray();
        assertTrue(Float.isNaN(out[0]), "head 0 reads the NaN");
        assertTrue(Float.isFinite(out[32 * 64]), "head 1 does not");
    }

    private static float[] toNhd(float[] hnd, int b, int h, int n, int d) {
        float[] out = new float[hnd.length];
        for (int bi = 0; bi < b; bi++) {
            for (int hi = 0; hi < h; hi++) {
                for (int ni = 0; ni < n; ni++) {
                    System.arraycopy(hnd, ((bi * h + hi) * n + ni) * d, out, ((bi * n + ni) * h + hi) * d, d);
                }
            }
        }
        return out;
    }
}
