package io.sage4j.reference.quant;

import io.sage4j.reference.format.E2M1;
import io.sage4j.reference.format.UE4M3;

/**
 * NVFP4 quantizers (E2M1 elements, 16-element blocks along the rows, UE4M3 block scales), in the variants
 * of specs/numerics.md §4. All take a row-major {@code [rows][cols]} matrix with cols a multiple of 16.
 *
 * <ul>
 *   <li>{@link #sageAttention3}: upstream SageAttention3's Q/K/V quantizer, single level, with its
 *       fast-math arithmetic modelled bit-exactly (for comparing with upstream outputs).</li>
 *   <li>{@link #singleLevelIeee}: the same formula in IEEE binary32 — what sage4j's own kernels compute
 *       (their quantizers are built without fast math).</li>
 *   <li>{@link #transformerEngine}: TransformerEngine's two-level NVFP4 with an FP32 tensor scale
 *       (IEEE binary32; TE builds these sources without fast math).</li>
 * </ul>
 */
public final class Nvfp4Quantizer {
    /** 448 · 6: the largest value a UE4M3 scale times an E2M1 element can represent. */
    public static final float RANGE = 2688.0f;

    private Nvfp4Quantizer() {}

    /**
     * SageAttention3 {@code scaled_fp4_quant}, per 16-element block, in this order:
     * {@code amax = max|x|} (exact); {@code sf = div.approx.ftz(amax, 6)}; {@code scale = UE4M3(sf)};
     * {@code s = decode(scale)}; {@code inv = s == 0 ? 0 : 1/s}; {@code q = E2M1(ftz(x · inv))}.
     * A zero or tiny block (amax/6 ≤ 2^-10) gets scale 0 and elements ±0; amax beyond 2688 saturates
     * the scale at 448 and the elements at ±6. Upstream reads fp16/bf16 inputs: pass values of that
     * dtype to reproduce its bytes.
     */
    public static Nvfp4Tensor sageAttention3(float[] x, int rows, int cols) {
        return singleLevel(x, rows, cols, true);
    }

    /**
     * The SageAttention3 formula in IEEE binary32: {@code scale = UE4M3(amax / 6)},
     * {@code inv = s == 0 ? 0 : 1/s}, {@code q = E2M1(x · inv)}. Zero blocks: scale 0, elements ±0.
     */
    public static Nvfp4Tensor singleLevelIeee(float[] x, int rows, int cols) {
        return singleLevel(x, rows, cols, false);
    }

    private static Nvfp4Tensor singleLevel(float[] x, int rows, int cols, boolean fastMath) {
        checkShape(x, rows, cols);
        byte[] codes = new byte[rows * cols / 2];
        byte[] scales = new byte[rows * cols / Nvfp4Tensor.BLOCK];
        for (int block = 0; block < scales.length; block++) {
            int from = block * Nvfp4Tensor.BLOCK;
            float amax = BlockMax.absMax(x, from, Nvfp4Tensor.BLOCK);
            float sf = fastMath ? FastMathModel.divideBySix(amax) : amax / 6.0f;
            int scale = UE4M3.encode(sf);
            float s = UE4M3.decode(scale);
            float inv = s == 0f ? 0f : 1.0f / s;
            scales[block] = (byte) scale;
            for (int i = from; i < from + Nvfp4Tensor.BLOCK; i += 2) {
                float a = x[i] * inv;
                float b = x[i + 1] * inv;
                if (fastMath) {
                    a = FastMathModel.ftz(a);
                    b = FastMathModel.ftz(b);
                }
                codes[i >>> 1] = E2M1.pack(E2M1.encode(a), E2M1.encode(b));
            }
        }
        return new Nvfp4Tensor(rows, cols, codes, scales, 1.0f);
    }

    /**
     * TransformerEngine NVFP4 (1D blocks, round-to-nearest), in this order (specs/numerics.md §4.2):
     * per tensor {@code sEnc = min(2688 / globalAmax, FLT_MAX)}, {@code sEnc = 1} when globalAmax or sEnc
     * is 0, {@code sDec = 1 / sEnc}; per block {@code sB = amaxB · (sEnc · RN(1/6))},
     * {@code scale = UE4M3(sB)}, {@code mult = min(1 / (decode(scale) · sDec), FLT_MAX)},
     * {@code q = E2M1(x · mult)}. The tensor scale of the result is sDec.
     * A zero block gets scale 0 and elements ±0; a tiny non-zero block (scale rounds to 0) gets
     * {@code mult = FLT_MAX}, so its non-zero elements saturate to ±6 while the scale is 0 — as TE does.
     */
    public static Nvfp4Tensor transformerEngine(float[] x, int rows, int cols) {
        checkShape(x, rows, cols);
        float globalAmax = BlockMax.absMax(x, 0, x.length);
        float sEnc = Math.min(RANGE / globalAmax, Float.MAX_VALUE);
        if (globalAmax == 0f || sEnc == 0f) {
            sEnc = 1.0f;
        }
        float sDec = 1.0f / sEnc;
        float encodeOverSix = sEnc * FastMathModel.ONE_SIXTH;
        byte[] codes = new byte[rows * cols / 2];
        byte[] scales = new byte[rows * cols / Nvfp4Tensor.BLOCK];
        for (int block = 0; block < scales.length; block++) {
            int from = block * Nvfp4Tensor.BLOCK;
            float sB = BlockMax.absMax(x, from, Nvfp4Tensor.BLOCK) * encodeOverSix;
            int scale = UE4M3.encode(sB);
            float mult = Math.min(1.0f / (UE4M3.decode(scale) * sDec), Float.MAX_VALUE);
            scales[block] = (byte) scale;
            for (int i = from; i < from + Nvfp4Tensor.BLOCK; i += 2) {
                codes[i >>> 1] = E2M1.pack(E2M1.encode(x[i] * mult), E2M1.encode(x[i + 1] * mult));
            }
        }
        return new Nvfp4Tensor(rows, cols, codes, scales, sDec);
    }

    static void checkShape(float[] x, int rows, int cols) {
        Shapes.requirePositive("rows", rows);
        Shapes.requirePositive("cols", cols);
        Shapes.requireMultiple("cols (NVFP4 blocks are 16 elements along a row)", cols, Nvfp4Tensor.BLOCK);
        Shapes.requireLength("x", x, (long) rows * cols, "[" + rows + "][" + cols + "]");
    }
}
