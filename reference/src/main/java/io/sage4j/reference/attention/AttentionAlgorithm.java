package io.sage4j.reference.attention;

/** An attention forward pass: exact, or one of the quantized algorithms. */
public interface AttentionAlgorithm {
    /** Runs attention on validated inputs. */
    AttentionResult compute(AttentionInputs inputs);
}
