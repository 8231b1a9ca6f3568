package io.sage4j.reference.attention;

/**
 * An {@link Fp4Matrix} decoded for fast exact products, and the reference accumulation of a block-scaled
 * FP4 dot product (specs/numerics.md §6.3): the hardware's accumulation order and width inside an MMA are
 * unspecified, so the reference defines one.
 * <pre>
 *   acc = init;  for each block b, ascending:  acc ← acc + RN_f32( Σ_{i∈b} a_i·b_i · sA_b·sB_b )
 * </pre>
 * Every product e2m1·e2m1·scale·scale is exact (≤ 12 significant bits), and so is each block's sum: E2M1
 * values are multiples of ½, so {@code Σ (2a_i)(2b_i)} is an exact integer (|·| ≤ 32·144) and the block sum
 * is that integer · ¼ · sA · sB, exact in float64 (≤ 20 significant bits; UE8M0 exponents stay inside
 * float64's range). Each block is rounded once to float32 and the blocks are added in float32.
 */
final class BlockScaledOperand {
    private final int rows;
    private final int cols;
    private final int blockSize;
    private final byte[] twiceElements;
    private final double[] scales;

    BlockScaledOperand(Fp4Matrix matrix) {
        rows = matrix.rows();
        cols = matrix.cols();
        blockSize = matrix.blockSize();
        twiceElements = new byte[rows * cols];
        scales = new double[rows * cols / blockSize];
        int blocksPerRow = cols / blockSize;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                twiceElements[r * cols + c] = (byte) (2 * matrix.element(r, c));
            }
            for (int blk = 0; blk < blocksPerRow; blk++) {
                scales[r * blocksPerRow + blk] = matrix.blockScale(r, blk);
            }
        }
    }

    int blockSize() {
        return blockSize;
    }

    /**
     * {@code init} plus the block-scaled product of row {@code rowA} of a, columns [colA, colA + length), with
     * row {@code rowB} of b, columns [colB, colB + length); every offset and the length a multiple of the
     * (common) block size.
     */
    static float dot(BlockScaledOperand a, int rowA, int colA, BlockScaledOperand b, int rowB, int colB, int length,
                     float init) {
        int block = a.blockSize;
        int baseA = rowA * a.cols + colA;
        int baseB = rowB * b.cols + colB;
        float acc = init;
        for (int start = 0; start < length; start += block) {
            int sum = 0;
            for (int i = start; i < start + block; i++) {
                sum += a.twiceElements[baseA + i] * b.twiceElements[baseB + i];
            }
            if (sum != 0) {
                double scale = a.scales[(baseA + start) / block] * b.scales[(baseB + start) / block];
                acc += (float) (sum * 0.25 * scale);
            }
        }
        return acc;
    }
}
