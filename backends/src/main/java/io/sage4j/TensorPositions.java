package io.sage4j;

/** Turns a flat element index into named coordinates for messages: {@code [b=0, h=3, n=17, d=5]}. */
final class TensorPositions {
    private TensorPositions() {}

    static String describe(long index, int[] shape, String... names) {
        long[] coords = new long[shape.length];
        long rest = index;
        for (int i = shape.length - 1; i >= 0; i--) {
            coords[i] = rest % shape[i];
            rest /= shape[i];
        }
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(names[i]).append('=').append(coords[i]);
        }
        return s.append(']').toString();
    }
}
