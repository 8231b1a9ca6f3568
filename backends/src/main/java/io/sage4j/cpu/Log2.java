package io.sage4j.cpu;

/** The reference's lg2: {@code (float) (StrictMath.log(x) / Math.log(2))} ({@code FloatMath.lg2}). */
final class Log2 {
    private Log2() {}

    private static final double LN2 = Math.log(2.0);

    static float of(float x) {
        return (float) (StrictMath.log(x) / LN2);
    }
}
