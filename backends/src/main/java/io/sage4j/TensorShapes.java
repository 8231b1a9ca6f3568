package io.sage4j;

import java.util.Arrays;

/** Shape checks shared by the tensor types. */
final class TensorShapes {
    private TensorShapes() {}

    /** A copy of {@code shape} after checking it has at least one dimension and every extent is ≥ 1. */
    static int[] checked(String what, int[] shape) {
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException(what + " shape must have at least one dimension, got "
                    + Arrays.toString(shape));
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] <= 0) {
                throw new IllegalArgumentException(what + " shape " + Arrays.toString(shape) + " has extent "
                        + shape[i] + " in dimension " + i + "; every extent must be >= 1");
            }
        }
        return shape.clone();
    }

    static long elements(int[] shape) {
        long count = 1;
        for (int extent : shape) {
            count = Math.multiplyExact(count, extent);
        }
        return count;
    }

    static String describe(int[] shape, DType dtype, String where) {
        return Arrays.toString(shape) + " " + dtype.name().toLowerCase() + " " + where;
    }
}
