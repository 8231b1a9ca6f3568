package io.sage4j.reference.attention;

/**
 * The order in which a kernel visits the KV tiles of a query tile. It changes the online-softmax
 * rescaling sequence, hence the rounding (and, with a truncating accumulator, the error): SageAttention2
 * kernels go {@link #ASCENDING} (§2.3.1), SageAttention3's go {@link #DESCENDING} (§2.4.3).
 */
public enum TileOrder {
    ASCENDING,
    DESCENDING;

    /** The tile visited at {@code step} (0-based) of {@code count} tiles. */
    public int tileAt(int step, int count) {
        return this == ASCENDING ? step : count - 1 - step;
    }
}
