package io.sage4j.cpu;

import java.lang.ref.SoftReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Large float arrays kept between calls, so that a steady stream of attention calls does not allocate (and, for
 * fresh memory, page-fault and zero) tens of megabytes of operands each time. Softly referenced: the garbage
 * collector may take them back under memory pressure.
 */
final class ArrayPool {
    private ArrayPool() {}

    private static final int MAX_KEPT = 32;
    private static final ConcurrentLinkedDeque<SoftReference<float[]>> KEPT = new ConcurrentLinkedDeque<>();

    /** An array of at least {@code length} floats, the first {@code length} of them zero. */
    static float[] take(int length) {
        for (Iterator<SoftReference<float[]>> it = KEPT.iterator(); it.hasNext(); ) {
            SoftReference<float[]> ref = it.next();
            float[] array = ref.get();
            if (array == null) {
                KEPT.remove(ref);
            } else if (array.length >= length && array.length <= 2L * length + 4096 && KEPT.remove(ref)) {
                java.util.Arrays.fill(array, 0, length, 0f);
                return array;
            }
        }
        return new float[length];
    }

    /** Returns arrays for reuse (nulls are skipped); the caller must not touch them afterwards. */
    static void give(float[]... arrays) {
        for (float[] array : arrays) {
            if (array != null && KEPT.size() < MAX_KEPT) {
                KEPT.addFirst(new SoftReference<>(array));
            }
        }
    }
}
