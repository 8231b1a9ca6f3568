package io.sage4j.reference.quant;

/** Argument checks shared by the quantizers: clear messages that name the argument. */
final class Shapes {
    private Shapes() {}

    static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    static void requireMultiple(String name, int value, int of) {
        if (value % of != 0) {
            throw new IllegalArgumentException(name + " must be a multiple of " + of + ", got " + value);
        }
    }

    static void requireLength(String name, float[] array, long expected, String shape) {
        if (array == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " has " + array.length + " elements but the shape "
                    + shape + " needs " + expected);
        }
    }
}
