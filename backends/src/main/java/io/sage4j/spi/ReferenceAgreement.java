package io.sage4j.spi;

/**
 * How close a backend's results are to the reference algorithm it implements ({@link ReferenceAlgorithms}),
 * stated by the backend for one call and checked by the contract test:
 * <pre>
 *   |o − o_ref|     ≤ outputRelative · R + outputAbsolute      per output element, before narrowing to the dtype
 *   |lse − lse_ref| ≤ lseAbsolute + lseRelative · |lse_ref|    per row with a finite LSE
 * </pre>
 * R is the value range of the element's channel: {@code max_j |v[b, kvHead(h), j, c]|} over the keys of the
 * call (of the sequence, for varlen), v widened to float32. Rows without a visible key must match exactly
 * (output 0, LSE −∞). A backend that reproduces the reference bit for bit states {@link #BIT_IDENTICAL}.
 * For fp16/bf16 outputs the narrowing adds up to one unit roundoff of the dtype on each side.
 */
public record ReferenceAgreement(double outputRelative, double outputAbsolute, double lseAbsolute,
                                 double lseRelative) {
    /** The backend's results are the reference's, bit for bit. */
    public static final ReferenceAgreement BIT_IDENTICAL = new ReferenceAgreement(0, 0, 0, 0);

    public ReferenceAgreement {
        if (!(outputRelative >= 0 && outputAbsolute >= 0 && lseAbsolute >= 0 && lseRelative >= 0)
                || !Double.isFinite(outputRelative + outputAbsolute + lseAbsolute + lseRelative)) {
            throw new IllegalArgumentException("bounds must be finite and >= 0, got " + outputRelative + ", "
                    + outputAbsolute + ", " + lseAbsolute + ", " + lseRelative);
        }
    }

    /** The allowed |o − o_ref| of an element whose channel has value range {@code valueRange}. */
    public double outputBound(double valueRange) {
        return outputRelative * valueRange + outputAbsolute;
    }

    /** The allowed |lse − lse_ref| of a row whose reference LSE is {@code referenceLse}. */
    public double lseBound(double referenceLse) {
        return lseAbsolute + lseRelative * Math.abs(referenceLse);
    }

    /** The looser of two agreements, term by term (for a varlen call: the union of its sequences). */
    public ReferenceAgreement max(ReferenceAgreement other) {
        return new ReferenceAgreement(Math.max(outputRelative, other.outputRelative),
                Math.max(outputAbsolute, other.outputAbsolute), Math.max(lseAbsolute, other.lseAbsolute),
                Math.max(lseRelative, other.lseRelative));
    }
}
