package io.sage4j.reference.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class Int8QuantizerTest {

    /** The token sets of specs/algorithms.md §2.2.4, built literally from (block, warp, lane) indices. */
    @Test
    void perThreadGroupsAreTheTokensOneLaneOwns() {
        int blkQ = 64;
        int warpQ = 16;  // sm90
        TokenGrouping q = TokenGrouping.perThreadQ(warpQ);
        for (int bq = 0; bq < 2; bq++) {
            for (int w = 0; w < blkQ / warpQ; w++) {
                for (int g = 0; g < 8; g++) {
                    int index = bq * (blkQ / warpQ) * 8 + w * 8 + g;
                    for (int m = 0; m < warpQ / 8; m++) {
                        assertEquals(index, q.groupOf(bq * blkQ + w * warpQ + g + 8 * m));
                    }
                }
            }
        }
        int blkK = 128;
        int warpK = 64;  // sm89 K: BLKK 128 split in two warp tiles of 64
        TokenGrouping k = TokenGrouping.perThreadK(warpK);
        for (int bk = 0; bk < 2; bk++) {
            for (int wk = 0; wk < blkK / warpK; wk++) {
                for (int t = 0; t < 4; t++) {
                    int index = bk * (blkK / warpK) * 4 + wk * 4 + t;
                    for (int m = 0; m < warpK / 8; m++) {
                        int first = bk * blkK + wk * warpK + 8 * m + 2 * t;
                        assertEquals(index, k.groupOf(first));
                        assertEquals(index, k.groupOf(first + 1));
                    }
                }
            }
        }
        assertEquals(2 * (blkQ / warpQ) * 8, q.groupCount(2 * blkQ));
        assertEquals(2 * (blkK / warpK) * 4, k.groupCount(2 * blkK));
    }

    @Test
    void groupSizesMatchThePaper() {
        // sm89: 4 query tokens and 16 key tokens per scale; sm90: 2 and 32.
        assertEquals(4, groupSize(TokenGrouping.perThreadQ(32), 0, 256));
        assertEquals(16, groupSize(TokenGrouping.perThreadK(64), 0, 256));
        assertEquals(2, groupSize(TokenGrouping.perThreadQ(16), 0, 256));
        assertEquals(32, groupSize(TokenGrouping.perThreadK(128), 0, 256));
    }

    private static int groupSize(TokenGrouping grouping, int group, int tokens) {
        int n = 0;
        for (int t = 0; t < tokens; t++) {
            n += grouping.groupOf(t) == group ? 1 : 0;
        }
        return n;
    }

    @Test
    void quantizesWithTheDocumentedOrder() {
        // One head, 2 tokens, 4 channels, per-block of 2 tokens: amax 2.54 → scale 0.02, multiplier 127/2.54 = 50.
        float[] x = {2.54f, -1.27f, 0.01f, 0.03f, 0, 0.5f, -2.54f, 1};
        Int8Tensor t = Int8Quantizer.quantize(x, 1, 2, 4, TokenGrouping.perBlock(2), null);
        float multiplier = 127f / 2.54f;
        assertEquals(2.54f / 127f, t.scale(0, 0));
        byte[] expected = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = (byte) Math.rint(x[i] * multiplier);
        }
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(t.codes()));
        assertEquals(127, t.codes()[0]);
        assertEquals(-64, t.codes()[1]);  // -1.27·50 = -63.5 → -64 (even)
        assertEquals(0, t.codes()[2]);    // 0.5 → 0 (even)
        assertEquals(2, t.codes()[3]);    // 1.5 → 2 (even)
    }

    @Test
    void zeroGroupsUseTheAmaxFloor() {
        Int8Tensor t = Int8Quantizer.quantize(new float[8], 1, 2, 4, TokenGrouping.perWarp(1), null);
        assertEquals(Int8Quantizer.AMAX_FLOOR / 127f, t.scale(0, 1));
        for (byte b : t.codes()) {
            assertEquals(0, b);
        }
    }

    @Test
    void kSmoothingSubtractsTheChannelMeanFirst() {
        SplittableRandom random = new SplittableRandom(7);
        int tokens = 64;
        int dim = 8;
        float[] k = new float[2 * tokens * dim];
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) random.nextGaussian() + (i % dim == 3 ? 40f : 0f);  // channel 3 is an outlier
        }
        float[] means = Smoothing.channelMeans(k, 2, tokens, dim);
        Int8Tensor smooth = Int8Quantizer.quantize(k, 2, tokens, dim, TokenGrouping.perThreadK(32), means);
        Int8Tensor plain = Int8Quantizer.quantize(k, 2, tokens, dim, TokenGrouping.perThreadK(32), null);
        assertTrue(smooth.scale(0, 0) < plain.scale(0, 0) / 5, "smoothing should shrink the scale");
        float[] centred = Smoothing.subtractChannelMeans(k, 2, tokens, dim, means);
        float[] back = smooth.dequantizeSmoothed();
        for (int h = 0; h < 2; h++) {
            for (int t = 0; t < tokens; t++) {
                float halfQuantum = smooth.scale(h, t) / 2;
                for (int c = 0; c < dim; c++) {
                    int i = (h * tokens + t) * dim + c;
                    // |q·s − x'| ≤ s/2 plus the rounding of q·s and of x'·(127/amax) (a few ulps of 127).
                    assertTrue(Math.abs(back[i] - centred[i]) <= halfQuantum * (1 + 1e-5f),
                            "element " + i + ": " + back[i] + " vs " + centred[i]);
                }
            }
        }
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Int8Quantizer.quantize(new float[8], 1, 2, 4, TokenGrouping.perBlock(2), new float[3]));
        assertTrue(e.getMessage().startsWith("means"), e.getMessage());
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class, () -> TokenGrouping.perThreadQ(12));
        assertTrue(g.getMessage().contains("multiple of 8"), g.getMessage());
        List<String> names = new ArrayList<>();
        for (TokenGrouping.Kind kind : TokenGrouping.Kind.values()) {
            names.add(kind.name());
        }
        assertEquals(new TreeSet<>(List.of("PER_BLOCK", "PER_WARP", "PER_THREAD_Q", "PER_THREAD_K")), new TreeSet<>(names));
    }
}
