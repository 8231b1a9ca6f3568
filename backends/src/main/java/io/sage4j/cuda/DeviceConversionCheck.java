package io.sage4j.cuda;

import io.sage4j.reference.golden.ExhaustiveCheck;
import io.sage4j.reference.golden.GoldenMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Runs the device conversions that the kernels use over all 2^32 float32 inputs on the GPU
 * ({@code sage4j_conversion_check}, cuda/include/sage4j_conversion_check.cuh) and compares them with the
 * golden map there; only mismatch counts and a few examples come back.
 */
public final class DeviceConversionCheck {
    /** A device conversion: its id in the kernel, and the golden conversion it must equal (null: INT8 oracle). */
    public record Conversion(int id, String name, String golden) {}

    /** Every conversion the check kernel knows, by kernel id. */
    public static final List<Conversion> CONVERSIONS = List.of(
            new Conversion(0, "e2m1_satfinite_rn (cuda_fp4.h)", "e2m1_satfinite_rn"),
            new Conversion(1, "e4m3_satfinite_rn (cuda_fp8.h)", "e4m3_satfinite_rn"),
            new Conversion(2, "e4m3_nosat_rn (cuda_fp8.h)", "e4m3_nosat_rn"),
            new Conversion(3, "e5m2_satfinite_rn (cuda_fp8.h)", "e5m2_satfinite_rn"),
            new Conversion(4, "e5m2_nosat_rn (cuda_fp8.h)", "e5m2_nosat_rn"),
            new Conversion(5, "ue8m0_satfinite_rz (cuda_fp8.h)", "ue8m0_satfinite_rz"),
            new Conversion(6, "ue8m0_satfinite_rp (cuda_fp8.h)", "ue8m0_satfinite_rp"),
            new Conversion(7, "ue8m0_nosat_rz (cuda_fp8.h)", "ue8m0_nosat_rz"),
            new Conversion(8, "ue8m0_nosat_rp (cuda_fp8.h)", "ue8m0_nosat_rp"),
            new Conversion(9, "sage4j::to_e4m3 (kernels)", "e4m3_satfinite_rn"),
            new Conversion(10, "sage4j::to_e2m1 (kernels)", "e2m1_satfinite_rn"),
            new Conversion(11, "sage4j::to_int8 (kernels)", null));

    /**
     * A check that must fail: the satfinite E4M3 conversion against the non-saturating map (they differ above
     * 464 and at infinity). Run with the others, it shows the device check can see a difference.
     */
    public static final Conversion NEGATIVE_CONTROL = new Conversion(1, "negative control: e4m3 satfinite vs nosat map",
            "e4m3_nosat_rn");

    private static final int MAX_EXAMPLES = 8;
    private static final long SLICE = 1L << 30;  // patterns per launch, so progress can be reported

    private DeviceConversionCheck() {}

    /**
     * Checks one conversion with the {@code sage4j_conversion_check} kernel of {@code module} over all 2^32
     * inputs; {@code progress} receives the inputs done after each slice.
     */
    public static ExhaustiveCheck.Result run(CudaModule module, Conversion conversion, GoldenMap golden, LongConsumer progress) {
        CudaModule.Kernel kernel = module.kernel("sage4j_conversion_check");
        long started = System.nanoTime();
        int[] starts = {0};
        byte[] codes = {0};
        if (conversion.golden() != null) {
            GoldenMap.Segments segments = golden.segments(conversion.golden());
            starts = segments.startsAsInts();
            codes = segments.codesAsBytes();
        }
        try (CudaScope scope = new CudaScope()) {
            DeviceBuffer dStarts = scope.copyOf(starts);
            DeviceBuffer dCodes = scope.copyOf(codes);
            DeviceBuffer mismatches = scope.allocate(8);
            DeviceBuffer examples = scope.allocate(4L * 3 * MAX_EXAMPLES);
            DeviceBuffer exampleCount = scope.allocate(4);
            mismatches.fill((byte) 0);
            exampleCount.fill((byte) 0);
            int threadsPerBlock = 256;
            long patternsPerBlock = 256L * threadsPerBlock;
            for (long first = 0; first < 1L << 32; first += SLICE) {
                try (KernelArgs args = new KernelArgs().i32(conversion.id()).i64(first).i64(SLICE)
                        .pointer(dStarts).pointer(dCodes).i32(starts.length)
                        .pointer(mismatches).pointer(examples).pointer(exampleCount).i32(MAX_EXAMPLES)) {
                    kernel.launch((int) (SLICE / patternsPerBlock), 1, 1, threadsPerBlock, 0, CudaStream.DEFAULT, args);
                }
                CudaStream.DEFAULT.synchronize();
                progress.accept(SLICE);
            }
            byte[] countBytes = mismatches.toBytes(8);
            long bad = java.nio.ByteBuffer.wrap(countBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            int[] raw = examples.toInts(3 * MAX_EXAMPLES);
            int kept = (int) Math.min(bad, MAX_EXAMPLES);
            List<ExhaustiveCheck.Mismatch> list = new ArrayList<>();
            for (int i = 0; i < kept; i++) {
                list.add(new ExhaustiveCheck.Mismatch(raw[3 * i], raw[3 * i + 1], raw[3 * i + 2]));
            }
            String oracle = conversion.golden() == null ? "rintf + clamp on the device" : "golden " + conversion.golden();
            return new ExhaustiveCheck.Result(conversion.name(), oracle, 1L << 32, bad, list, System.nanoTime() - started);
        }
    }
}
