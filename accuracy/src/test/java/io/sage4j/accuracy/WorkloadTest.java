package io.sage4j.accuracy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.Layout;
import io.sage4j.reference.format.Bf16;
import io.sage4j.reference.format.Fp16;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Workloads are reproducible, distinct, and have the statistics their descriptions claim (CI sizes). */
class WorkloadTest {
    @ParameterizedTest
    @EnumSource(Workload.class)
    void sameSeedSameTensorsOtherSeedOtherTensors(Workload w) {
        WorkloadData a = w.generate(SizeProfile.CI, 7);
        WorkloadData b = w.generate(SizeProfile.CI, 7);
        WorkloadData c = w.generate(SizeProfile.CI, 8);
        assertArrayEquals(a.q(), b.q());
        assertArrayEquals(a.k(), b.k());
        assertArrayEquals(a.v(), b.v());
        assertFalse(Arrays.equals(a.q(), c.q()));
        assertFalse(Arrays.equals(a.v(), c.v()));
        assertEquals(w.cliName(), a.workload());
        assertEquals(7, a.seed());
        // A valid attention call (finite values, sizes that match) for the fixed-length ones.
        if (!a.varlen()) {
            a.inputs();
        }
    }

    @Test
    void workloadsDifferForTheSameSeed() {
        assertFalse(Arrays.equals(Workload.GAUSSIAN.generate(SizeProfile.CI, 1).v(),
                Workload.CHANNEL_BIAS_K.generate(SizeProfile.CI, 1).v()));
    }

    @Test
    void headlineWorkloadsHaveTheIssuesFullSize() {
        for (Workload w : new Workload[] {Workload.GAUSSIAN, Workload.CHANNEL_BIAS_K}) {
            AttentionShape s = w.generate(SizeProfile.FULL, 1).shape();
            assertEquals(4096, s.tokensQ());
            assertEquals(4096, s.tokensK());
            assertEquals(128, s.headDim());
        }
    }

    @Test
    void channelBiasKHasLargePerChannelMeansInKOnly() {
        WorkloadData d = Workload.CHANNEL_BIAS_K.generate(SizeProfile.CI, 1);
        double kSpread = meanAbsChannelMean(d.k(), d.shape().tokensK(), d.shape().headDim());
        double qSpread = meanAbsChannelMean(d.q(), d.shape().tokensQ(), d.shape().headDim());
        // |N(0, 10²)| has mean 10·√(2/π) ≈ 8; a channel mean of 512 N(0,1) tokens is ~0.04.
        assertTrue(kSpread > 5 && kSpread < 11, "K channel means " + kSpread);
        assertTrue(qSpread < 0.1, "Q channel means " + qSpread);
    }

    @Test
    void vChannelMeansHasPerChannelMeansInV() {
        WorkloadData d = Workload.V_CHANNEL_MEANS.generate(SizeProfile.CI, 1);
        double spread = meanAbsChannelMean(d.v(), d.shape().tokensK(), d.shape().headDim());
        assertTrue(spread > 0.5 && spread < 1.1, "V channel means " + spread);  // |N(0,1)| has mean 0.80
    }

    @Test
    void outlierQkIsHeavyTailed() {
        WorkloadData d = Workload.OUTLIER_QK.generate(SizeProfile.CI, 1);
        double max = 0;
        for (float x : d.q()) {
            max = Math.max(max, Math.abs(x));
        }
        // Student-t(3) at unit variance plus ±8 outlier channels: values far beyond a gaussian's ~5σ.
        assertTrue(max > 15, "max |q| " + max);
    }

    @Test
    void bf16AndFp16WorkloadsHoldRepresentableValues() {
        WorkloadData bf = Workload.BF16.generate(SizeProfile.CI, 1);
        for (float[] t : new float[][] {bf.q(), bf.k(), bf.v()}) {
            for (float x : t) {
                assertEquals(x, Bf16.decode(Bf16.encodeRne(x)));
            }
        }
        WorkloadData h = Workload.FP16.generate(SizeProfile.CI, 1);
        for (float[] t : new float[][] {h.q(), h.k(), h.v()}) {
            for (float x : t) {
                assertEquals(x, Fp16.decode(Fp16.encodeRne(x)));
            }
        }
    }

    @Test
    void varlenPacksSequencesOfMixedLengths() {
        WorkloadData d = Workload.VARLEN.generate(SizeProfile.CI, 1);
        assertTrue(d.varlen());
        int[] lengths = d.sequenceLengths();
        assertEquals(Arrays.stream(lengths).sum(), d.shape().tokensQ());
        assertEquals(Layout.NHD, d.layout());
        assertTrue(d.options().causal());
        assertEquals(1, Arrays.stream(lengths).min().orElseThrow());
        assertTrue(Arrays.stream(lengths).distinct().count() == lengths.length, Arrays.toString(lengths));
        assertThrows(IllegalStateException.class, d::inputs);
    }

    @Test
    void gqaGroupsQueryHeads() {
        AttentionShape s = Workload.GQA.generate(SizeProfile.CI, 1).shape();
        assertEquals(4, s.groupSize());
    }

    @Test
    void unknownNamesListTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workload.byName("gauss"));
        assertTrue(e.getMessage().contains("workload must be one of gaussian, channel-bias-k"), e.getMessage());
        assertTrue(e.getMessage().endsWith("got gauss"), e.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> SizeProfile.byName("huge"));
        assertEquals("size profile must be one of ci, full, got huge", p.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Workload.GAUSSIAN.generate(null, 1));
    }

    /** Mean over heads and channels of |mean over tokens| of a head-major tensor. */
    private static double meanAbsChannelMean(float[] x, int tokens, int dim) {
        int heads = x.length / (tokens * dim);
        double total = 0;
        for (int h = 0; h < heads; h++) {
            for (int c = 0; c < dim; c++) {
                double sum = 0;
                for (int t = 0; t < tokens; t++) {
                    sum += x[(h * tokens + t) * dim + c];
                }
                total += Math.abs(sum / tokens);
            }
        }
        return total / (heads * dim);
    }
}
