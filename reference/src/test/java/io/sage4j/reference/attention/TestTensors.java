package io.sage4j.reference.attention;

/** Tensor rearrangements for tests, written independently of {@link Layout}. */
final class TestTensors {
    private TestTensors() {}

    /** HND k/v [B][Hkv][N][D] → [B][Hq][N][D] with query head h reading kv head h / (Hq/Hkv). */
    static float[] repeatKvHeads(float[] kv, AttentionShape gqa) {
        int per = gqa.tokensK() * gqa.headDim();
        float[] out = new float[gqa.batch() * gqa.heads() * per];
        for (int b = 0; b < gqa.batch(); b++) {
            for (int h = 0; h < gqa.heads(); h++) {
                System.arraycopy(kv, (b * gqa.kvHeads() + h / gqa.groupSize()) * per, out, (b * gqa.heads() + h) * per, per);
            }
        }
        return out;
    }

    /** HND [B][H][N][D] → NHD [B][N][H][D]. */
    static float[] toNhd(float[] hnd, int batch, int heads, int tokens, int dim) {
        float[] out = new float[hnd.length];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int n = 0; n < tokens; n++) {
                    System.arraycopy(hnd, ((b * heads + h) * tokens + n) * dim, out, ((b * tokens + n) * heads + h) * dim, dim);
                }
            }
        }
        return out;
    }

    /** NHD [B][N][H][D] → head-major [B][H][N][D]. */
    static float[] nhdToHeadMajor(float[] nhd, int batch, int heads, int tokens, int dim) {
        float[] out = new float[nhd.length];
        for (int b = 0; b < batch; b++) {
            for (int n = 0; n < tokens; n++) {
                for (int h = 0; h < heads; h++) {
                    for (int c = 0; c < dim; c++) {
                        out[((b * heads + h) * tokens + n) * dim + c] = nhd[((b * tokens + n) * heads + h) * dim + c];
                    }
                }
            }
        }
        return out;
    }
}
