package io.sage4j.reference.attention;

/**
 * Memory order of a row-major 4-D tensor of query, key, value or output (specs/algorithms.md §1.1):
 * {@link #HND} is {@code [B, H, N, D]}, {@link #NHD} is {@code [B, N, H, D]}. D is always contiguous.
 *
 * <p>The algorithms work on "head-major" arrays: HND contiguous, i.e. {@code [B·H][N][D]}, the layout the
 * quantizers of {@code io.sage4j.reference.quant} take. {@link #toHeadMajor} and {@link #fromHeadMajor}
 * convert; for HND they copy.
 */
public enum Layout {
    /** {@code [batch, heads, tokens, dim]}. */
    HND,
    /** {@code [batch, tokens, heads, dim]}. */
    NHD;

    /** Flat index of element (b, h, n, d) of a tensor with {@code heads} heads and {@code tokens} tokens. */
    public int index(int b, int h, int n, int d, int heads, int tokens, int dim) {
        return switch (this) {
            case HND -> ((b * heads + h) * tokens + n) * dim + d;
            case NHD -> ((b * tokens + n) * heads + h) * dim + d;
        };
    }

    /** The shape in this layout's order, for messages: e.g. {@code HND [B=2, H=8, N=512, D=64]}. */
    public String describe(int batch, int heads, int tokens, int dim) {
        return switch (this) {
            case HND -> "HND [B=" + batch + ", H=" + heads + ", N=" + tokens + ", D=" + dim + "]";
            case NHD -> "NHD [B=" + batch + ", N=" + tokens + ", H=" + heads + ", D=" + dim + "]";
        };
    }

    /** A copy of {@code x} (this layout) in head-major order {@code [B·H][N][D]}. */
    public float[] toHeadMajor(float[] x, int batch, int heads, int tokens, int dim) {
        float[] out = new float[batch * heads * tokens * dim];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int n = 0; n < tokens; n++) {
                    System.arraycopy(x, index(b, h, n, 0, heads, tokens, dim), out,
                            ((b * heads + h) * tokens + n) * dim, dim);
                }
            }
        }
        return out;
    }

    /** Head-major {@code [B·H][N][D]} values rearranged into this layout (a new array). */
    public float[] fromHeadMajor(float[] headMajor, int batch, int heads, int tokens, int dim) {
        float[] out = new float[headMajor.length];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int n = 0; n < tokens; n++) {
                    System.arraycopy(headMajor, ((b * heads + h) * tokens + n) * dim, out,
                            index(b, h, n, 0, heads, tokens, dim), dim);
                }
            }
        }
        return out;
    }

    /** As {@link #fromHeadMajor(float[], int, int, int, int)} for float64 values. */
    public double[] fromHeadMajor(double[] headMajor, int batch, int heads, int tokens, int dim) {
        double[] out = new double[headMajor.length];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int n = 0; n < tokens; n++) {
                    System.arraycopy(headMajor, ((b * heads + h) * tokens + n) * dim, out,
                            index(b, h, n, 0, heads, tokens, dim), dim);
                }
            }
        }
        return out;
    }
}
