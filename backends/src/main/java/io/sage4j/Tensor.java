package io.sage4j;

/**
 * A tensor argument of an attention call: row-major, dense, with a shape and an element type. Either
 * {@link HostTensor} (Java-managed off-heap memory, which every backend reads) or {@link DeviceTensor}
 * (a pointer into GPU memory, for GPU backends only).
 */
public sealed interface Tensor permits HostTensor, DeviceTensor {
    /** Extent of each dimension, outermost first (a copy). */
    int[] shape();

    /** Element type. */
    DType dtype();

    /** Number of dimensions. */
    default int rank() {
        return shape().length;
    }

    /** Product of the extents. */
    default long elementCount() {
        long count = 1;
        for (int extent : shape()) {
            count *= extent;
        }
        return count;
    }

    /** {@code [2, 8, 512, 64] fp16 host} — for messages. */
    String describe();
}
