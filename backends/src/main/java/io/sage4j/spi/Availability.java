package io.sage4j.spi;

/**
 * Whether a backend can run on this machine, and if not, why — in words a user can act on
 * ("no CUDA driver: libcuda.so.1: cannot open shared object file").
 */
public record Availability(boolean available, String reason) {
    public Availability {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must say why (or, when available, on what) the backend runs");
        }
    }

    /** Available; {@code detail} says on what, e.g. "2 cores, AVX-512". */
    public static Availability available(String detail) {
        return new Availability(true, detail);
    }

    /** Not available, for {@code reason}. */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
