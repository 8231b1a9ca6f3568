package io.sage4j.accuracy;

import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.Layout;

/**
 * What a result records about the workload instance it was measured on, without the tensors.
 *
 * @param workload        the workload's name
 * @param seed            its seed
 * @param shape           sizes (for a varlen batch the packed tokens as one sequence, see {@link WorkloadData})
 * @param layout          memory order
 * @param causal          whether a causal mask applied
 * @param sequenceLengths lengths of a varlen batch's sequences, else empty
 * @param text            one-line description, {@link WorkloadData#describeShape()}
 */
public record WorkloadInfo(String workload, long seed, AttentionShape shape, Layout layout, boolean causal,
                           int[] sequenceLengths, String text) {
    /** The description of {@code data}. */
    public static WorkloadInfo of(WorkloadData data) {
        return new WorkloadInfo(data.workload(), data.seed(), data.shape(), data.layout(), data.options().causal(),
                data.sequenceLengths(), data.describeShape());
    }

    @Override
    public int[] sequenceLengths() {
        return sequenceLengths.clone();
    }
}
