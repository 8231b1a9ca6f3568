package io.sage4j.reference.attention;

import io.sage4j.reference.format.E2M1;
import io.sage4j.reference.format.UE4M3;
import io.sage4j.reference.format.UE8M0;
import io.sage4j.reference.quant.Mxfp4Tensor;
import io.sage4j.reference.quant.Nvfp4Tensor;

/**
 * A block-scaled FP4 matrix {@code [rows][cols]} as a quantizer produced it — NVFP4 (16-element blocks,
 * UE4M3 scales) or MXFP4 (32-element blocks, UE8M0 scales) — with the quantizer's own tensor kept for
 * byte-level comparison. Blocks run along the rows (the reduction axis of the product that reads it).
 */
public sealed interface Fp4Matrix permits Fp4Matrix.Nvfp4, Fp4Matrix.Mxfp4 {
    int rows();

    int cols();

    /** Elements per block scale. */
    int blockSize();

    /** E2M1 value of element (row, col), unscaled. */
    float element(int row, int col);

    /** Value of the scale of block {@code block} of a row. */
    float blockScale(int row, int block);

    /** Raw scale byte of block {@code block} of a row. */
    int scaleCode(int row, int block);

    /** Single-level NVFP4 ({@code Nvfp4Quantizer.singleLevelIeee} or {@code .sageAttention3}; tensor scale 1). */
    record Nvfp4(Nvfp4Tensor tensor) implements Fp4Matrix {
        public Nvfp4 {
            Args.requireNonNull("tensor", tensor);
            if (tensor.tensorScale() != 1.0f) {
                throw new IllegalArgumentException("tensor.tensorScale() must be 1 (single-level NVFP4), got "
                        + tensor.tensorScale());
            }
        }

        @Override public int rows() { return tensor.rows(); }
        @Override public int cols() { return tensor.cols(); }
        @Override public int blockSize() { return Nvfp4Tensor.BLOCK; }
        @Override public float element(int row, int col) { return E2M1.decode(tensor.code(row, col)); }
        @Override public float blockScale(int row, int block) { return UE4M3.decode(scaleCode(row, block)); }

        @Override
        public int scaleCode(int row, int block) {
            return tensor.scale(row, block * Nvfp4Tensor.BLOCK);
        }
    }

    /** MXFP4 ({@code Mxfp4Quantizer}). */
    record Mxfp4(Mxfp4Tensor tensor) implements Fp4Matrix {
        public Mxfp4 {
            Args.requireNonNull("tensor", tensor);
        }

        @Override public int rows() { return tensor.rows(); }
        @Override public int cols() { return tensor.cols(); }
        @Override public int blockSize() { return Mxfp4Tensor.BLOCK; }
        @Override public float element(int row, int col) { return E2M1.decode(tensor.code(row, col)); }
        @Override public float blockScale(int row, int block) { return UE8M0.decode(scaleCode(row, block)); }

        @Override
        public int scaleCode(int row, int block) {
            return tensor.scale(row, block * Mxfp4Tensor.BLOCK);
        }
    }
}
