package io.sage4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The NaN policy's scan finds exactly the first non-finite element, at every position and in every dtype. */
class FiniteScanTest {
    @Test
    void findsTheFirstNonFiniteElementAnywhere() {
        SplittableRandom random = new SplittableRandom(11);
        for (DType dtype : DType.values()) {
            for (int n = 1; n <= 40; n++) {
                float[] values = new float[n];
                for (int i = 0; i < n; i++) {
                    values[i] = (float) (random.nextGaussian() * 1e3);
                }
                assertEquals(-1, FiniteScan.firstNonFinite(HostTensor.of(values, dtype, n)), dtype + " n=" + n);
                for (int at = 0; at < n; at++) {
                    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                        float[] copy = values.clone();
                        copy[at] = bad;
                        if (at + 1 < n && random.nextBoolean()) {
                            copy[n - 1] = Float.NaN;  // a later one must not be reported first
                        }
                        assertEquals(at, FiniteScan.firstNonFinite(HostTensor.of(copy, dtype, n)),
                                dtype + " n=" + n + " at=" + at + " " + bad);
                    }
                }
            }
        }
    }

    /** Values that overflow the narrower dtypes become infinite there, and the scan sees it. */
    @Test
    void valuesThatOverflowANarrowDtypeAreCaught() {
        float[] values = {1f, 70000f, 2f};
        assertEquals(1, FiniteScan.firstNonFinite(HostTensor.of(values, DType.FP16, 3)));
        assertEquals(-1, FiniteScan.firstNonFinite(HostTensor.of(values, DType.BF16, 3)));
    }
}
