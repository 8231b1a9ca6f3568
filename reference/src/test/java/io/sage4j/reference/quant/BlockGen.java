package io.sage4j.reference.quant;

import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * QuickTheories generators of quantizer inputs: blocks whose magnitudes span a chosen binade range, with
 * random signs, exact zeros and signed zeros, so every scale regime and rounding case is reached.
 */
final class BlockGen {
    private BlockGen() {}

    /**
     * {@code length} floats whose largest magnitudes lie in binades [minExp, maxExp]; within a block the
     * elements spread over up to 12 binades below the block's top one, and about one in eight is ±0.
     */
    static Gen<float[]> blocks(int length, int minExp, int maxExp) {
        return in -> {
            int top = (int) in.next(Constraint.between(minExp, maxExp));
            float[] x = new float[length];
            for (int i = 0; i < length; i++) {
                long kind = in.next(Constraint.between(0, 15));
                boolean negative = in.next(Constraint.between(0, 1)) == 1;
                float magnitude;
                if (kind < 2) {
                    magnitude = 0f;
                } else {
                    int exp = top - (int) in.next(Constraint.between(0, 12));
                    int mantissa = (int) in.next(Constraint.between(0, (1 << 23) - 1));
                    magnitude = Math.scalb(1f + mantissa / (float) (1 << 23), exp);
                }
                x[i] = negative ? -magnitude : magnitude;
            }
            return x;
        };
    }

    /** Like {@link #blocks} but every element multiplied by 2^k for a random k in [-20, 20]; returns {x, x·2^k} and k. */
    static Gen<Object[]> blockAndPowerOfTwo(int length, int minExp, int maxExp) {
        Gen<float[]> base = blocks(length, minExp, maxExp);
        return in -> {
            float[] x = base.generate(in);
            int k = (int) in.next(Constraint.between(-20, 20));
            return new Object[] {x, k};
        };
    }
}
