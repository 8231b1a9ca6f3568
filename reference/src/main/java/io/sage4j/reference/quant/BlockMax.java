package io.sage4j.reference.quant;

/** Block maxima as GPU kernels compute them: exact, and ignoring NaN like CUDA's {@code fmaxf}. */
final class BlockMax {
    private BlockMax() {}

    /** max |x[from..from+count)| over non-NaN elements; 0 when there are none. */
    static float absMax(float[] x, int from, int count) {
        float m = 0f;
        for (int i = from; i < from + count; i++) {
            float a = Math.abs(x[i]);
            if (a > m) {  // false for NaN, so NaN is skipped
                m = a;
            }
        }
        return m;
    }

    /** max |x[i·stride + offset]| for i in [0, count), over non-NaN elements; 0 when there are none. */
    static float absMaxStrided(float[] x, int offset, int stride, int count) {
        float m = 0f;
        for (int i = 0; i < count; i++) {
            float a = Math.abs(x[offset + i * stride]);
            if (a > m) {
                m = a;
            }
        }
        return m;
    }
}
