package io.sage4j.reference.quant;

import io.sage4j.reference.format.E2M1;
import io.sage4j.reference.format.UE8M0;

/**
 * MXFP4 quantizers (E2M1 elements, 32-element blocks along the rows, UE8M0 power-of-two scales),
 * specs/numerics.md §5. Elements are rounded to nearest even, as the GPU {@code cvt} does (the OCP
 * authors' microxcaling emulator rounds ties away from zero by default; that is not modelled).
 */
public final class Mxfp4Quantizer {
    /** How the block scale is chosen from the block's amax. */
    public enum ScaleRule {
        /**
         * OCP MX v1.0 ("FLOOR"): {@code sharedExp = floor(log2 amax) − 2}, clamped below at −127
         * (amax 0 counts as the smallest normal); elements above 6·2^sharedExp clip to ±6.
         * An infinite amax gives sharedExp > 127, which OCP encodes as a NaN scale (0xFF), and then every
         * element code is that of NaN (0x7).
         */
        OCP_FLOOR,
        /**
         * NVIDIA (cuBLAS/cuDNN/TransformerEngine, "RCEIL"):
         * {@code scale = cvt.rp.satfinite.ue8m0(amax · RN(1/6))}, so 6·2^scale ≥ amax and elements only clip
         * through the rounding of that product. Infinite amax saturates the scale at 0xFE.
         */
        NVIDIA_RCEIL
    }

    private Mxfp4Quantizer() {}

    /** Quantizes a row-major {@code [rows][cols]} matrix, cols a multiple of 32; elements = E2M1(x · 2^(127−scale)). */
    public static Mxfp4Tensor quantize(float[] x, int rows, int cols, ScaleRule rule) {
        Shapes.requirePositive("rows", rows);
        Shapes.requirePositive("cols", cols);
        Shapes.requireMultiple("cols (MXFP4 blocks are 32 elements along a row)", cols, Mxfp4Tensor.BLOCK);
        Shapes.requireLength("x", x, (long) rows * cols, "[" + rows + "][" + cols + "]");
        if (rule == null) {
            throw new IllegalArgumentException("rule must be one of " + java.util.Arrays.toString(ScaleRule.values()));
        }
        byte[] codes = new byte[rows * cols / 2];
        byte[] scales = new byte[rows * cols / Mxfp4Tensor.BLOCK];
        for (int block = 0; block < scales.length; block++) {
            int from = block * Mxfp4Tensor.BLOCK;
            float amax = BlockMax.absMax(x, from, Mxfp4Tensor.BLOCK);
            int scale = rule == ScaleRule.OCP_FLOOR ? floorScale(amax) : rceilScale(amax);
            float multiplier = UE8M0.reciprocal(scale);  // exact 2^(127-scale); NaN for a NaN scale
            scales[block] = (byte) scale;
            for (int i = from; i < from + Mxfp4Tensor.BLOCK; i += 2) {
                codes[i >>> 1] = E2M1.pack(E2M1.encode(x[i] * multiplier), E2M1.encode(x[i + 1] * multiplier));
            }
        }
        return new Mxfp4Tensor(rows, cols, codes, scales);
    }

    /** OCP: biased exponent of amax minus 2 (E2M1's largest exponent), clamped to [0, 254], NaN above. */
    static int floorScale(float amax) {
        if (amax == Float.POSITIVE_INFINITY) {
            return UE8M0.NAN_CODE;
        }
        int biasedExp = Float.floatToRawIntBits(amax) >>> 23;  // amax >= 0; subnormals and 0 give 0 -> clamp
        int code = biasedExp == 0 ? -1 : biasedExp - 2;  // 2^(biasedExp-127-2) as a UE8M0 code
        return Math.max(code, 0);
    }

    /** NVIDIA: round amax·RN(1/6) up to a power of two, saturating. */
    static int rceilScale(float amax) {
        return UE8M0.encode(amax * FastMathModel.ONE_SIXTH, UE8M0.Rounding.RP, true);
    }
}
