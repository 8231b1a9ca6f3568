package io.sage4j.reference.golden;

import java.util.function.IntUnaryOperator;

/** Where the expected output of a conversion comes from: the golden map or an independent implementation. */
public interface ConversionOracle {
    /**
     * Writes the expected codes of the consecutive float32 bit patterns {@code first, first+1, ...}
     * ({@code first} is an unsigned 32-bit pattern held in a long) into {@code out}.
     */
    void expected(long first, int[] out);

    /** Short description for reports, e.g. "golden e2m1_satfinite_rn". */
    String describe();

    /** An oracle computed by an independent function of the float32 bits. */
    static ConversionOracle of(String description, IntUnaryOperator function) {
        return new ConversionOracle() {
            @Override
            public void expected(long first, int[] out) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = function.applyAsInt((int) (first + i));
                }
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }
}
