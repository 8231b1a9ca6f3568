package io.sage4j;

/** What a call does with NaN or ±Infinity in q, k or v. */
public enum NonFinitePolicy {
    /**
     * Reject the call with an {@link IllegalArgumentException} naming the tensor and the element's position.
     * The default: one non-finite element poisons a whole row of the output, or, after quantization, silently
     * zeroes it (the quantizers map NaN to a code).
     */
    REJECT,
    /**
     * Skip the scan (it reads every element once). Non-finite values then go through the algorithm as the
     * quantizers and float arithmetic define (see {@code io.sage4j.reference.quant}); no agreement with the
     * reference is promised for such inputs. Backends state whether they accept this.
     */
    ALLOW
}
