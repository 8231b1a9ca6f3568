package io.sage4j;

/**
 * Which tokens share one INT8 scale of Q and K in {@link Algorithm#SAGE2_INT8} (upstream's {@code qk_quant_gran};
 * SageAttention2 §3.2). Only that algorithm quantizes per token group: {@link Algorithm#SAGE3_FP4} always uses
 * NVFP4's 16-element blocks and {@link Algorithm#EXACT} does not quantize, so setting a granularity with them is
 * an error.
 */
public enum QuantGranularity {
    /** The sm90 kernel's grouping: Q per thread of 16-token warp tiles, K per thread of 128-token tiles. The default. */
    PER_THREAD,
    /** Q per warp tile of 16 tokens, K per block of 128 tokens (upstream's per_warp on sm90). */
    PER_WARP,
    /** Q per block of 64 tokens (one CTA tile), K per block of 128 tokens. */
    PER_BLOCK
}
