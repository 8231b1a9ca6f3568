package io.sage4j;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A dense row-major tensor in host memory: a {@link MemorySegment} (native byte order), a shape and a
 * {@link DType}. The factories copy Java arrays into fresh memory (freed by the garbage collector); {@link #wrap}
 * shares an existing segment without copying.
 */
public final class HostTensor implements Tensor {
    private final MemorySegment segment;
    private final DType dtype;
    private final int[] shape;
    private final long elements;

    private HostTensor(MemorySegment segment, DType dtype, int[] shape) {
        this.segment = segment;
        this.dtype = dtype;
        this.shape = shape;
        this.elements = TensorShapes.elements(shape);
    }

    /** float32 tensor holding a copy of {@code values}. */
    public static HostTensor of(float[] values, int... shape) {
        return of(values, DType.FP32, shape);
    }

    /** Tensor of {@code dtype} holding {@code values} narrowed to it (round to nearest even). */
    public static HostTensor of(float[] values, DType dtype, int... shape) {
        Objects.requireNonNull(values, "values");
        HostTensor tensor = allocate(Objects.requireNonNull(dtype, "dtype"), Arena.ofAuto(), shape);
        if (values.length != tensor.elements) {
            throw new IllegalArgumentException("values has " + values.length + " elements but shape "
                    + java.util.Arrays.toString(shape) + " needs " + tensor.elements);
        }
        if (dtype == DType.FP32) {
            MemorySegment.copy(values, 0, tensor.segment, ValueLayout.JAVA_FLOAT_UNALIGNED, 0, values.length);
        } else {
            for (int i = 0; i < values.length; i++) {
                dtype.write(tensor.segment, i, values[i]);
            }
        }
        return tensor;
    }

    /** fp16 or bf16 tensor holding a copy of raw 16-bit patterns. */
    public static HostTensor ofBits(short[] bits, DType dtype, int... shape) {
        Objects.requireNonNull(bits, "bits");
        if (dtype != DType.FP16 && dtype != DType.BF16) {
            throw new IllegalArgumentException("dtype must be FP16 or BF16 for 16-bit patterns, got " + dtype);
        }
        HostTensor tensor = allocate(dtype, Arena.ofAuto(), shape);
        if (bits.length != tensor.elements) {
            throw new IllegalArgumentException("bits has " + bits.length + " elements but shape "
                    + java.util.Arrays.toString(shape) + " needs " + tensor.elements);
        }
        MemorySegment.copy(bits, 0, tensor.segment, ValueLayout.JAVA_SHORT_UNALIGNED, 0, bits.length);
        return tensor;
    }

    /** Zero-filled tensor in memory of {@code arena}. */
    public static HostTensor allocate(DType dtype, Arena arena, int... shape) {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(arena, "arena");
        int[] checked = TensorShapes.checked("tensor", shape);
        long bytes = Math.multiplyExact(TensorShapes.elements(checked), dtype.byteSize());
        return new HostTensor(arena.allocate(bytes, dtype.byteSize()), dtype, checked);
    }

    /** A tensor over existing memory, no copy: {@code segment} must hold exactly the shape's bytes. */
    public static HostTensor wrap(MemorySegment segment, DType dtype, int... shape) {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(dtype, "dtype");
        int[] checked = TensorShapes.checked("tensor", shape);
        long bytes = Math.multiplyExact(TensorShapes.elements(checked), dtype.byteSize());
        if (segment.byteSize() != bytes) {
            throw new IllegalArgumentException("segment holds " + segment.byteSize() + " bytes but shape "
                    + java.util.Arrays.toString(checked) + " of " + dtype + " needs " + bytes);
        }
        return new HostTensor(segment, dtype, checked);
    }

    /** The memory, row-major, native byte order. */
    public MemorySegment segment() {
        return segment;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Extent of dimension {@code dim}. */
    public int extent(int dim) {
        return shape[dim];
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int rank() {
        return shape.length;
    }

    @Override
    public long elementCount() {
        return elements;
    }

    /** Element {@code index} (flat, row-major) widened to float32. */
    public float get(long index) {
        Objects.checkIndex(index, elements);
        return dtype.read(segment, index);
    }

    /** Stores {@code value} (narrowed to the dtype) as element {@code index}. */
    public void set(long index, float value) {
        Objects.checkIndex(index, elements);
        dtype.write(segment, index, value);
    }

    /** Every element widened to float32, row-major. */
    public float[] toFloatArray() {
        if (elements > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(describe() + " has " + elements + " elements, more than one array holds");
        }
        float[] out = new float[(int) elements];
        if (dtype == DType.FP32) {
            MemorySegment.copy(segment, ValueLayout.JAVA_FLOAT_UNALIGNED, 0, out, 0, out.length);
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = dtype.read(segment, i);
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return TensorShapes.describe(shape, dtype, "host");
    }

    @Override
    public String toString() {
        return "HostTensor" + describe();
    }
}
