package io.sage4j.cpu;

import io.sage4j.reference.quant.Nvfp4Quantizer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link Nvfp4Quantizer#singleLevelIeee} on rows, vectorised, bit for bit for every input (NaN and ∞ included: the
 * two-level P quantization meets them when a row's multiplier overflows): per block of 16 elements {@code amax}
 * (exact, NaN ignored), {@code s = UE4M3(amax/6)}, {@code inv = s == 0 ? 0 : 1/s},
 * {@code e = E2M1(x·inv)}. Elements come out dequantized, {@code e·s} (exact in float), and block scales as their
 * values.
 */
final class Nvfp4Quantization {
    private Nvfp4Quantization() {}

    static final int BLOCK = 16;

    /**
     * Quantizes {@code length} (a multiple of 16) elements {@code x[off..]}: dequantized elements to
     * {@code out[outOff..]} (in place when the ranges coincide),
     * the scale value of block b to {@code scales[scalesOff + b·scalesStride]}.
     */
    static void quantizeRow(float[] x, int off, int length, float[] out, int outOff, float[] scales, int scalesOff,
                            int scalesStride) {
        int blocks = length / BLOCK;
        for (int b = 0; b < blocks; b++) {
            int from = off + b * BLOCK;
            FloatVector max = FloatVector.zero(Lanes.F);
            for (int i = 0; i < BLOCK; i += Lanes.L) {
                FloatVector a = FloatVector.fromArray(Lanes.F, x, from + i).abs();
                max = max.max(a.blend(0f, a.compare(VectorOperators.NE, a)));  // NaN ignored, as the reference's amax
            }
            float s = GridRounding.e4m3(max.reduceLanes(VectorOperators.MAX) / 6.0f);
            scales[scalesOff + b * scalesStride] = s;
            FloatVector inv = FloatVector.broadcast(Lanes.F, s == 0f ? 0f : 1.0f / s);
            for (int i = 0; i < BLOCK; i += Lanes.L) {
                FloatVector.fromArray(Lanes.F, x, from + i).mul(inv).intoArray(out, outOff + b * BLOCK + i);
            }
        }
        GridRounding.e2m1(out, outOff, length, out, outOff);  // one call for the whole row
        for (int b = 0; b < blocks; b++) {
            FloatVector s = FloatVector.broadcast(Lanes.F, scales[scalesOff + b * scalesStride]);
            for (int i = 0; i < BLOCK; i += Lanes.L) {
                int at = outOff + b * BLOCK + i;
                FloatVector.fromArray(Lanes.F, out, at).mul(s).intoArray(out, at);
            }
        }
    }
}
