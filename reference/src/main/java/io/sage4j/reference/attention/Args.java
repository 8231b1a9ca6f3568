package io.sage4j.reference.attention;

/** Argument checks of this package: each failure names the argument, its value and what is allowed. */
final class Args {
    private Args() {}

    static <T> T requireNonNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    static void requireInRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    static void requireMultiple(String name, int value, int of, String why) {
        if (value % of != 0) {
            throw new IllegalArgumentException(name + " must be a multiple of " + of + " (" + why + "), got " + value);
        }
    }

    /** A tensor argument: not null, the length its shape needs, every element finite (the NaN policy). */
    static void requireTensor(String name, float[] values, long expected, String shape) {
        requireNonNull(name, values);
        if (values.length != expected) {
            throw new IllegalArgumentException(name + " has " + values.length + " elements but " + shape
                    + " needs " + expected);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + values[i]
                        + ": attention inputs must be finite (NaN and infinity are rejected)");
            }
        }
    }
}
