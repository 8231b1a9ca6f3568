package io.sage4j.cpu;

/** Describes the vector hardware cpu-vector will use (touching the Vector API, so only called once it is present). */
final class VectorProbe {
    private VectorProbe() {}

    static String describe() {
        return WorkerPool.THREADS + " cores, " + Lanes.SHAPE.vectorBitSize() + "-bit vectors (" + Lanes.L
                + " float lanes)";
    }
}
