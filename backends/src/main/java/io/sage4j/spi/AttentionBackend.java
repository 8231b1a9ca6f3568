package io.sage4j.spi;

import io.sage4j.AttentionOutput;

/**
 * A provider of attention kernels, found with {@link java.util.ServiceLoader} (list the implementation in
 * {@code META-INF/services/io.sage4j.spi.AttentionBackend}; it needs a public no-argument constructor).
 * {@code SageAttention} validates every call before it reaches a backend and picks, when the user did not name
 * one, the available backend of highest {@link #priority()} whose {@link #capabilities()} cover the call.
 *
 * <p>Contract, checked for every registered backend by the contract test:
 * <ul>
 *   <li>{@link #availability()} never throws; an unavailable backend says why.</li>
 *   <li>{@link #attend} and {@link #attendVarlen} throw {@link IllegalArgumentException} for a call their
 *       capabilities do not cover (message: {@code BackendCapabilities.unsupported}) — never ignore an option.</li>
 *   <li>Results agree with {@link ReferenceAlgorithms}' algorithm within {@link #agreement}.</li>
 * </ul>
 */
public interface AttentionBackend {
    /** Unique name, lower case, e.g. {@code cpu-vector}; the value of the {@code backend} option. */
    String name();

    /** One line: what it runs on and how. */
    String description();

    /** Whether it can run here; probed once and cached by the implementation if probing is costly. */
    Availability availability();

    /** What it can run. */
    BackendCapabilities capabilities();

    /** Rank for automatic selection, higher first: GPU backends ≥ 100, fast CPU 50, reference CPU 10. */
    int priority();

    /** Runs a validated dense call. */
    AttentionOutput attend(AttentionCall call);

    /** Runs a validated variable-length call. */
    AttentionOutput attendVarlen(VarlenCall call);

    /** The stated bound of this call's results against the reference (see {@link ReferenceAgreement}). */
    ReferenceAgreement agreement(AttentionCall call);

    /** The stated bound of a varlen call's results against {@code VarlenAttention} with the reference algorithm. */
    ReferenceAgreement agreement(VarlenCall call);
}
