package io.sage4j.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sage4j.reference.format.E2M1;
import io.sage4j.reference.format.E4M3;
import io.sage4j.reference.format.UE4M3;
import io.sage4j.reference.quant.Fp8VQuantizer;
import io.sage4j.reference.quant.Fp8VTensor;
import io.sage4j.reference.quant.Int8Quantizer;
import io.sage4j.reference.quant.Int8Tensor;
import io.sage4j.reference.quant.Nvfp4Quantizer;
import io.sage4j.reference.quant.Nvfp4Tensor;
import io.sage4j.reference.quant.Smoothing;
import io.sage4j.reference.quant.TokenGrouping;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * cpu-vector's quantizers and smoothing statistics against the reference, bit for bit, on seeded activations
 * (outlier channels) and adversarial values (grid ties, signed zeros, subnormals, huge and tiny magnitudes).
 */
class QuantizationParityTest {
    private static final List<TokenGrouping> GROUPINGS = List.of(TokenGrouping.perThreadQ(16),
            TokenGrouping.perThreadK(128), TokenGrouping.perWarp(16), TokenGrouping.perBlock(64),
            TokenGrouping.perBlock(128), TokenGrouping.perThreadQ(32), TokenGrouping.perThreadK(64));

    private static float[] input(long seed, int n, int tokens, int dim) {
        SplittableRandom random = new SplittableRandom(seed);
        return seed % 2 == 0 ? RandomTensors.activations(random, n / (tokens * dim), tokens, dim, 20)
                : RandomTensors.adversarial(random, n);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void int8MatchesInt8Quantizer(long seed) {
        SplittableRandom shapes = new SplittableRandom(seed * 31);
        for (TokenGrouping grouping : GROUPINGS) {
            int heads = 1 + shapes.nextInt(3);
            int tokens = 1 + shapes.nextInt(300);
            int dim = 16 * (2 + shapes.nextInt(7));
            float[] x = input(seed, heads * tokens * dim, tokens, dim);
            boolean smooth = shapes.nextBoolean();
            float[] means = smooth ? Smoothing.channelMeans(x, heads, tokens, dim) : null;
            Int8Tensor want = Int8Quantizer.quantize(x, heads, tokens, dim, grouping, means);
            int groups = grouping.groupCount(tokens);
            float[] codes = new float[heads * tokens * dim];
            float[] tokenScales = new float[heads * tokens];
            float[] groupScales = new float[heads * groups];
            float[] scratch = new float[groups];
            for (int h = 0; h < heads; h++) {
                Int8Quantization.quantizeHead(x, h * tokens * dim, tokens, dim, grouping, means, h * dim, codes,
                        h * tokens * dim, tokenScales, h * tokens, groupScales, h * groups, scratch);
            }
            String what = grouping + " " + heads + "x" + tokens + "x" + dim + " smooth=" + smooth;
            for (int i = 0; i < codes.length; i++) {
                assertEquals(want.codes()[i], (byte) codes[i], what + " code " + i);
            }
            assertArrayEquals(want.scales(), groupScales, what + " scales");
            for (int h = 0; h < heads; h++) {
                for (int t = 0; t < tokens; t++) {
                    assertEquals(want.scale(h, t), tokenScales[h * tokens + t], what + " token scale");
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void fp8ValuesMatchFp8VQuantizer(long seed) {
        SplittableRandom shapes = new SplittableRandom(seed * 37);
        int heads = 1 + shapes.nextInt(3);
        int tokens = 1 + shapes.nextInt(400);
        int dim = 16 * (2 + shapes.nextInt(7));
        float[] v = input(seed, heads * tokens * dim, tokens, dim);
        if (seed == 3) {
            java.util.Arrays.fill(v, 0, tokens * dim, 0f);  // all-zero channels: scale 0, codes ±0
        }
        Fp8VTensor want = Fp8VQuantizer.quantize(v, heads, tokens, dim, 128, false);
        float[] values = new float[v.length];
        float[] scales = new float[heads * dim];
        for (int h = 0; h < heads; h++) {
            Fp8ValueQuantization.quantizeHead(v, h * tokens * dim, tokens, dim, values, h * tokens * dim, scales, h * dim,
                    new float[dim]);
        }
        assertArrayEquals(want.scales(), scales);
        for (int h = 0; h < heads; h++) {
            for (int t = 0; t < tokens; t++) {
                for (int c = 0; c < dim; c++) {
                    float value = values[(h * tokens + t) * dim + c];
                    assertEquals(want.code(h, t, c), GridRounding.e4m3Code(value), "code");
                    assertEquals(Float.floatToRawIntBits(E4M3.decode(want.code(h, t, c))), Float.floatToRawIntBits(value));
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void nvfp4MatchesSingleLevelIeee(long seed) {
        SplittableRandom shapes = new SplittableRandom(seed * 41);
        int rows = 1 + shapes.nextInt(200);
        int cols = 16 * (1 + shapes.nextInt(16));
        float[] x = input(seed, rows * cols, rows, cols);
        if (seed >= 5) {  // what the two-level P quantizer feeds it when a row's multiplier overflows: NaN and ∞
            SplittableRandom special = new SplittableRandom(seed);
            for (int i = 0; i < x.length; i += 1 + special.nextInt(7)) {
                x[i] = special.nextBoolean() ? Float.NaN : special.nextBoolean() ? Float.POSITIVE_INFINITY
                        : Float.NEGATIVE_INFINITY;
            }
        }
        Nvfp4Tensor want = Nvfp4Quantizer.singleLevelIeee(x, rows, cols);
        float[] out = new float[x.length];
        float[] scales = new float[rows * cols / 16];
        for (int r = 0; r < rows; r++) {
            Nvfp4Quantization.quantizeRow(x, r * cols, cols, out, r * cols, scales, r * cols / 16, 1);
        }
        for (int b = 0; b < scales.length; b++) {
            assertEquals(UE4M3.decode(want.scales()[b] & 0xFF), scales[b], "scale " + b);
        }
        for (int i = 0; i < x.length; i++) {
            float s = scales[i / 16];
            float e = s == 0f || Float.isNaN(out[i]) ? out[i] : out[i] / s;
            assertEquals(want.code(i / cols, i % cols), GridRounding.e2m1Code(e), "element " + i);
            assertEquals(E2M1.decode(want.code(i / cols, i % cols)), e, "value " + i);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void meansAndDeltaSMatchSmoothing(long seed) {
        SplittableRandom shapes = new SplittableRandom(seed * 43);
        int heads = 1 + shapes.nextInt(3);
        int tokens = 1 + shapes.nextInt(300);
        int dim = 16 * (2 + shapes.nextInt(7));
        int block = 1 + shapes.nextInt(130);
        float[] x = input(seed, heads * tokens * dim, tokens, dim);
        assertArrayEquals(Smoothing.channelMeans(x, heads, tokens, dim), means(x, heads, tokens, dim, tokens));
        float[] blockMeans = Smoothing.blockMeans(x, heads, tokens, dim, block);
        assertArrayEquals(blockMeans, means(x, heads, tokens, dim, block));
        int blocks = (tokens + block - 1) / block;
        int keys = 1 + shapes.nextInt(200);
        float[] k = input(seed + 100, heads * keys * dim, keys, dim);
        float[] want = Smoothing.deltaS(blockMeans, heads, blocks, k, keys, dim);
        int padded = (keys + 15) / 16 * 16;
        float[] kt = new float[dim * padded];
        float[] got = new float[padded];
        for (int h = 0; h < heads; h++) {
            Transpose.rows(k, h * keys * dim, keys, dim, kt, 0, padded);
            for (int b = 0; b < blocks; b++) {
                ChannelMeans.deltaS(blockMeans, (h * blocks + b) * dim, kt, 0, padded, padded, dim, got, 0);
                for (int j = 0; j < keys; j++) {
                    assertEquals(want[(h * blocks + b) * keys + j], got[j], "ΔS head " + h + " block " + b + " key " + j);
                }
            }
        }
    }

    private static float[] means(float[] x, int heads, int tokens, int dim, int block) {
        int blocks = (tokens + block - 1) / block;
        float[] out = new float[heads * blocks * dim];
        for (int h = 0; h < heads; h++) {
            for (int b = 0; b < blocks; b++) {
                int first = b * block;
                ChannelMeans.mean(x, h * tokens * dim, first, Math.min(block, tokens - first), dim, out,
                        (h * blocks + b) * dim);
            }
        }
        return out;
    }
}
