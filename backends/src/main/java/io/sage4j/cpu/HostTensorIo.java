package io.sage4j.cpu;

import io.sage4j.DType;
import io.sage4j.HostTensor;
import io.sage4j.Tensor;
import io.sage4j.reference.attention.Layout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Moves tensors between host memory and the float32 arrays the CPU backends compute on. */
final class HostTensorIo {
    private HostTensorIo() {}

    static HostTensor host(String name, Tensor t) {
        if (t instanceof HostTensor h) {
            return h;
        }
        throw new IllegalArgumentException(name + " is " + t.describe() + ": the CPU backends read host tensors only");
    }

    /**
     * A tensor in {@code layout} ({@code [B, H, N, D]} or {@code [B, N, H, D]}) as head-major float32
     * {@code [B·H][paddedTokens][D]}, written into {@code out} (rows past {@code tokens} are left as they are).
     */
    static float[] headMajor(HostTensor t, Layout layout, int batch, int heads, int tokens, int dim, int paddedTokens,
                             float[] out) {
        MemorySegment s = t.segment();
        DType dtype = t.dtype();
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int n = 0; n < tokens; n++) {
                    long from = layout.index(b, h, n, 0, heads, tokens, dim);
                    int to = ((b * heads + h) * paddedTokens + n) * dim;
                    if (dtype == DType.FP32) {
                        MemorySegment.copy(s, ValueLayout.JAVA_FLOAT_UNALIGNED, from * 4, out, to, dim);
                    } else {
                        for (int c = 0; c < dim; c++) {
                            out[to + c] = dtype.read(s, from + c);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Head-major {@code [B·H][paddedTokens][D]} rows written into a new tensor of {@code dtype} in {@code layout},
     * backed by Java heap memory.
     */
    static HostTensor fromHeadMajor(float[] headMajor, Layout layout, int batch, int heads, int tokens, int dim,
                                    int paddedTokens, DType dtype, int[] shape) {
        HostTensor out = heapTensor(dtype, shape);
        MemorySegment s = out.segment();
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int n = 0; n < tokens; n++) {
                    long to = layout.index(b, h, n, 0, heads, tokens, dim);
                    int from = ((b * heads + h) * paddedTokens + n) * dim;
                    if (dtype == DType.FP32) {
                        MemorySegment.copy(headMajor, from, s, ValueLayout.JAVA_FLOAT_UNALIGNED, to * 4, dim);
                    } else {
                        for (int c = 0; c < dim; c++) {
                            dtype.write(s, to + c, headMajor[from + c]);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Row-major float32 values as a new heap-backed tensor of {@code dtype} (narrowed with round to nearest even). */
    static HostTensor of(float[] values, DType dtype, int[] shape) {
        if (dtype == DType.FP32) {
            return HostTensor.wrap(MemorySegment.ofArray(values.clone()), dtype, shape);
        }
        HostTensor out = heapTensor(dtype, shape);
        for (int i = 0; i < values.length; i++) {
            dtype.write(out.segment(), i, values[i]);
        }
        return out;
    }

    /**
     * A zero tensor in Java heap memory: outputs are allocated there because fresh off-heap memory costs a page fault
     * per 4 KiB on first touch, a noticeable share of a call on small machines.
     */
    static HostTensor heapTensor(DType dtype, int[] shape) {
        long elements = 1;
        for (int extent : shape) {
            elements *= extent;
        }
        MemorySegment segment = dtype == DType.FP32 ? MemorySegment.ofArray(new float[Math.toIntExact(elements)])
                : MemorySegment.ofArray(new short[Math.toIntExact(elements)]);
        return HostTensor.wrap(segment, dtype, shape);
    }
}
