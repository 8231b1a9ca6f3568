package io.sage4j;

/**
 * A dense row-major tensor in GPU memory: a device pointer, the device it lives on, a shape and a dtype.
 * sage4j neither copies nor frees it; the memory must stay valid for the duration of a call. Only GPU
 * backends accept device tensors (CPU backends reject them with a message naming the argument).
 *
 * @param address device pointer ({@code CUdeviceptr}), not 0
 * @param device  CUDA device ordinal, ≥ 0
 * @param dtype   element type
 * @param shape   extents, outermost first
 */
public record DeviceTensor(long address, int device, DType dtype, int[] shape) implements Tensor {
    public DeviceTensor {
        if (address == 0) {
            throw new IllegalArgumentException("address must be a device pointer, got 0 (null)");
        }
        if (device < 0) {
            throw new IllegalArgumentException("device must be a CUDA device ordinal >= 0, got " + device);
        }
        if (dtype == null) {
            throw new IllegalArgumentException("dtype must not be null");
        }
        shape = TensorShapes.checked("device tensor", shape);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public String describe() {
        return TensorShapes.describe(shape, dtype, "device " + device + " @0x" + Long.toHexString(address));
    }
}
