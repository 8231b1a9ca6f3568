package io.sage4j.reference.quant;

/**
 * Which tokens of one head share an INT8 scale (specs/algorithms.md §2.2.4). The groupings follow the
 * accumulator fragments of {@code mma.m16n8k32}: a thread owns rows {g, g+8} of every 16-row tile and
 * columns {2t, 2t+1} of every 8-column tile, so with per-thread grouping each thread dequantizes with
 * exactly one Q scale and one K scale.
 *
 * @param kind   the granularity
 * @param tokens tokens per block (PER_BLOCK) or per warp tile (PER_WARP, PER_THREAD_*)
 */
public record TokenGrouping(Kind kind, int tokens) {
    /** Granularities. */
    public enum Kind {
        /** Tokens {@code [i·tokens, (i+1)·tokens)} share scale i. */
        PER_BLOCK,
        /** As PER_BLOCK with warp-sized groups: scale index {@code token / tokens}. */
        PER_WARP,
        /**
         * Query tokens of one warp tile that one lane group g = lane/4 owns: {@code {base + g + 8m}};
         * scale index {@code (token / tokens)·8 + token % 8}. tokens must be a multiple of 8.
         */
        PER_THREAD_Q,
        /**
         * Key tokens of one warp tile that one lane t = lane%4 owns: {@code {base + 8m + 2t, base + 8m + 2t + 1}};
         * scale index {@code (token / tokens)·4 + (token % 8) / 2}. tokens must be a multiple of 8.
         */
        PER_THREAD_K
    }

    public TokenGrouping {
        if (kind == null) {
            throw new IllegalArgumentException("kind must be one of " + java.util.Arrays.toString(Kind.values()));
        }
        if (tokens <= 0) {
            throw new IllegalArgumentException("tokens per group tile must be > 0, got " + tokens);
        }
        if ((kind == Kind.PER_THREAD_Q || kind == Kind.PER_THREAD_K) && tokens % 8 != 0) {
            throw new IllegalArgumentException("tokens per warp tile for " + kind + " must be a multiple of 8, got " + tokens);
        }
    }

    /** One scale per block of {@code tokens} tokens. */
    public static TokenGrouping perBlock(int tokens) {
        return new TokenGrouping(Kind.PER_BLOCK, tokens);
    }

    /** One scale per warp tile of {@code tokens} tokens. */
    public static TokenGrouping perWarp(int tokens) {
        return new TokenGrouping(Kind.PER_WARP, tokens);
    }

    /** Per-thread grouping of query tokens, warp tile of {@code warpTokens} (sm89: 32, sm90: 16). */
    public static TokenGrouping perThreadQ(int warpTokens) {
        return new TokenGrouping(Kind.PER_THREAD_Q, warpTokens);
    }

    /** Per-thread grouping of key tokens, warp tile of {@code warpTokens} (sm89: 64, sm90: 128). */
    public static TokenGrouping perThreadK(int warpTokens) {
        return new TokenGrouping(Kind.PER_THREAD_K, warpTokens);
    }

    /** Number of scales for a head of {@code sequenceLength} tokens (the last tile may be partial). */
    public int groupCount(int sequenceLength) {
        int tiles = (sequenceLength + tokens - 1) / tokens;
        return switch (kind) {
            case PER_BLOCK, PER_WARP -> tiles;
            case PER_THREAD_Q -> tiles * 8;
            case PER_THREAD_K -> tiles * 4;
        };
    }

    /** Tokens that share one scale (in a full tile): tokens, tokens/8 (PER_THREAD_Q) or tokens/4 (PER_THREAD_K). */
    public int tokensPerGroup() {
        return switch (kind) {
            case PER_BLOCK, PER_WARP -> tokens;
            case PER_THREAD_Q -> tokens / 8;
            case PER_THREAD_K -> tokens / 4;
        };
    }

    /** Scale index of a token. */
    public int groupOf(int token) {
        int tile = token / tokens;
        return switch (kind) {
            case PER_BLOCK, PER_WARP -> tile;
            case PER_THREAD_Q -> tile * 8 + token % 8;
            case PER_THREAD_K -> tile * 4 + (token % 8) / 2;
        };
    }
}
