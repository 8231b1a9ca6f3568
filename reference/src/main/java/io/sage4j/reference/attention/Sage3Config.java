package io.sage4j.reference.attention;

/**
 * The knobs of {@link SageAttention3Algorithm}. {@link #defaults()} follows upstream SageAttention3
 * (specs/algorithms.md §2.4): K and per-block Q smoothing, blocks of 128 query tokens, KV tiles of 128
 * visited in descending order, with sage4j's IEEE NVFP4 quantizer.
 *
 * @param variant  FP4 format and quantizer of Q, K, V and P
 * @param smoothK  subtract K's per-channel mean (exact)
 * @param smoothQ  subtract the per-channel mean of each block of {@code qBlock} query tokens and add ΔS back
 * @param qBlock   query tokens per Q-smoothing block
 * @param kvTile   keys per KV tile (the unit of the online softmax and of P's level-1 scale), a multiple of
 *                 the variant's block size
 * @param kvOrder  the order KV tiles are visited in
 */
public record Sage3Config(Fp4Variant variant, boolean smoothK, boolean smoothQ, int qBlock, int kvTile,
                          TileOrder kvOrder) {
    public Sage3Config {
        Args.requireNonNull("variant", variant);
        Args.requireNonNull("kvOrder", kvOrder);
        Args.requirePositive("qBlock", qBlock);
        Args.requirePositive("kvTile", kvTile);
        Args.requireMultiple("kvTile", kvTile, variant.blockSize(),
                "P is quantized in blocks of " + variant.blockSize() + " keys of " + variant);
    }

    /** Upstream's choices with {@link Fp4Variant#NVFP4}. */
    public static Sage3Config defaults() {
        return new Sage3Config(Fp4Variant.NVFP4, true, true, 128, 128, TileOrder.DESCENDING);
    }

    /** This config with another FP4 variant. */
    public Sage3Config withVariant(Fp4Variant fp4) {
        return new Sage3Config(fp4, smoothK, smoothQ, qBlock, kvTile, kvOrder);
    }

    /** This config with smoothing of K and Q switched. */
    public Sage3Config withSmoothing(boolean k, boolean q) {
        return new Sage3Config(variant, k, q, qBlock, kvTile, kvOrder);
    }

    /** This config with another KV tile order. */
    public Sage3Config withKvOrder(TileOrder order) {
        return new Sage3Config(variant, smoothK, smoothQ, qBlock, kvTile, order);
    }
}
