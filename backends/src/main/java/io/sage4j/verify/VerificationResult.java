package io.sage4j.verify;

import java.util.List;

/** The outcome of checking one GPU quantizer against its reference over many cases. */
public record VerificationResult(String quantizer, String reference, long cases, long arrays, long bytes,
                                 long mismatches, List<String> examples, long nanos) {
    public boolean passed() {
        return mismatches == 0 && cases > 0;
    }

    /** Packs a finished comparison. */
    public static VerificationResult of(String quantizer, String reference, long cases, Comparison c, long nanos) {
        return new VerificationResult(quantizer, reference, cases, c.arrays(), c.bytes(), c.mismatches(), c.examples(), nanos);
    }
}
