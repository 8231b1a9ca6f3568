package io.sage4j.reference.attention;

import io.sage4j.reference.quant.TokenGrouping;

/**
 * The knobs of {@link SageAttention2Algorithm}: which tokens share an INT8 scale, the tiles a kernel works
 * in and the order it visits them, smoothing, and the PV accumulator. {@link #sm90()} is the default.
 *
 * @param qGrouping      Q tokens sharing one INT8 scale (§2.2.4)
 * @param kGrouping      K tokens sharing one INT8 scale
 * @param ctaQ           query rows of one CTA tile; with a causal mask the kernel visits, for a whole query
 *                       tile, the KV tiles its last row can see — so it decides which masked tiles still
 *                       pass through the accumulator (visible with {@link PvAccumulation#FP22_TRUNCATED})
 * @param ctaK           keys of one KV tile, a multiple of 32 (the k32 MMA chunk); the two-level buffer and
 *                       V's padding have this size
 * @param kvOrder        the order KV tiles are visited in
 * @param smoothK        subtract the per-channel mean of K before quantizing (exact, §2.2.1)
 * @param smoothV        subtract the per-channel mean of V before quantizing and add it to O (exact, §2.2.5)
 * @param pvAccumulation how P̂V̂ is accumulated
 */
public record Sage2Config(TokenGrouping qGrouping, TokenGrouping kGrouping, int ctaQ, int ctaK,
                          TileOrder kvOrder, boolean smoothK, boolean smoothV, PvAccumulation pvAccumulation) {
    /** Keys per FP8 MMA (m16n8k32 / wgmma k32): the unit of PV accumulation. */
    public static final int MMA_K = 32;

    public Sage2Config {
        Args.requireNonNull("qGrouping", qGrouping);
        Args.requireNonNull("kGrouping", kGrouping);
        Args.requireNonNull("kvOrder", kvOrder);
        Args.requireNonNull("pvAccumulation", pvAccumulation);
        Args.requirePositive("ctaQ", ctaQ);
        Args.requirePositive("ctaK", ctaK);
        Args.requireMultiple("ctaK", ctaK, MMA_K, "a KV tile is a whole number of k32 FP8 MMAs");
    }

    /**
     * The sm90 kernel ({@code qk_int8_sv_f8_accum_f32_attn_inst_buf}, §2.3.2): per-thread INT8 groups with
     * warp tiles of 16 queries and 128 keys, CTA_Q 64, CTA_K 128, ascending tiles, K smoothed, V not,
     * two-level ("fp32+fp32") accumulation.
     */
    public static Sage2Config sm90() {
        return new Sage2Config(TokenGrouping.perThreadQ(16), TokenGrouping.perThreadK(128), 64, 128,
                TileOrder.ASCENDING, true, false, PvAccumulation.TWO_LEVEL);
    }

    /** This config with K smoothing on or off. */
    public Sage2Config withSmoothK(boolean on) {
        return new Sage2Config(qGrouping, kGrouping, ctaQ, ctaK, kvOrder, on, smoothV, pvAccumulation);
    }

    /** This config with V smoothing on or off. */
    public Sage2Config withSmoothV(boolean on) {
        return new Sage2Config(qGrouping, kGrouping, ctaQ, ctaK, kvOrder, smoothK, on, pvAccumulation);
    }

    /** This config with another PV accumulator. */
    public Sage2Config withPvAccumulation(PvAccumulation mode) {
        return new Sage2Config(qGrouping, kGrouping, ctaQ, ctaK, kvOrder, smoothK, smoothV, mode);
    }

    /** This config with other token groupings. */
    public Sage2Config withGroupings(TokenGrouping q, TokenGrouping k) {
        return new Sage2Config(q, k, ctaQ, ctaK, kvOrder, smoothK, smoothV, pvAccumulation);
    }

    /** This config with other tiles and tile order. */
    public Sage2Config withTiles(int queryTile, int keyTile, TileOrder order) {
        return new Sage2Config(qGrouping, kGrouping, queryTile, keyTile, order, smoothK, smoothV, pvAccumulation);
    }
}
