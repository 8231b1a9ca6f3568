package io.sage4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.reference.attention.AttentionResult;
import io.sage4j.reference.attention.Layout;
import io.sage4j.spi.AttentionBackend;
import io.sage4j.spi.AttentionCall;
import io.sage4j.spi.BackendCapabilities;
import io.sage4j.spi.ReferenceAgreement;
import io.sage4j.spi.VarlenCall;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered backend must keep ({@link AttentionBackend}): found through the
 * {@link java.util.ServiceLoader}, it agrees with the reference algorithm within the bound it states on 200 seeded
 * random dense calls and 40 varlen calls covering its capabilities, and it refuses, with a message naming the option,
 * every call its capabilities exclude.
 */
class BackendContractTest {
    private static final int DENSE_CASES = 200;
    private static final int VARLEN_CASES = 40;

    static Stream<AttentionBackend> availableBackends() {
        return Backends.all().stream().filter(b -> b.availability().available());
    }

    @Test
    void theServiceLoaderFindsBothCpuBackendsInPriorityOrder() {
        List<String> names = Backends.names();
        assertTrue(names.contains("cpu-vector") && names.contains("cpu-reference"), names.toString());
        assertTrue(names.indexOf("cpu-vector") < names.indexOf("cpu-reference"), names.toString());
        for (AttentionBackend b : Backends.all()) {
            assertNotNull(b.availability().reason(), b.name());
            assertTrue(!b.capabilities().summary().isBlank(), b.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("availableBackends")
    void agreesWithTheReferenceOnRandomDenseCalls(AttentionBackend backend) {
        List<String> failures = new ArrayList<>();
        long salt = backend.name().hashCode();
        for (int i = 0; i < DENSE_CASES; i++) {
            RandomCall c = RandomCall.generate(salt * 1_000_003L + i, backend.capabilities(), backend.name());
            AttentionCall call = DenseCallValidator.validate(c.q(), c.k(), c.v(), c.options());
            AttentionOutput got = SageAttention.sageattn(c.q(), c.k(), c.v(), c.options());
            assertEquals(c.q().dtype(), got.output().dtype(), c.description());
            assertEquals(java.util.Arrays.toString(c.q().shape()), java.util.Arrays.toString(got.output().shape()));
            AttentionResult want = ReferenceCheck.reference(c.q(), c.k(), c.v(), c.options(), call.shape());
            String diff = ReferenceCheck.compare(got, want,
                    ReferenceCheck.valueRanges(c.v(), call.shape(), c.options().layout()), backend.agreement(call),
                    c.q().dtype());
            if (diff != null) {
                failures.add(c.description() + ": " + diff);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + DENSE_CASES + " disagree, e.g. "
                + failures.subList(0, Math.min(5, failures.size())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("availableBackends")
    void agreesWithTheReferenceOnRandomVarlenCalls(AttentionBackend backend) {
        BackendCapabilities caps = backend.capabilities();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < VARLEN_CASES; i++) {
            SplittableRandom random = new SplittableRandom(7_000 + i);
            RandomCall shape = RandomCall.generate(9_000 + i, caps, backend.name());
            int dim = shape.q().extent(3);
            int kvHeads = 1 + random.nextInt(2);
            int heads = kvHeads * (1 + random.nextInt(2));
            int sequences = 1 + random.nextInt(4);
            int[] cuQ = new int[sequences + 1];
            int[] cuK = new int[sequences + 1];
            boolean bottomRight = shape.options().causal()
                    && shape.options().causalAlignment() == io.sage4j.reference.attention.CausalAlignment.BOTTOM_RIGHT;
            for (int s = 0; s < sequences; s++) {
                int nq = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(90);
                int nk = random.nextInt(8) == 0 && !bottomRight ? 0 : 1 + random.nextInt(110);
                if (bottomRight && nk < nq) {
                    nk = nq;
                }
                cuQ[s + 1] = cuQ[s] + nq;
                cuK[s + 1] = cuK[s] + nk;
            }
            int totalQ = Math.max(1, cuQ[sequences]);
            int totalK = Math.max(1, cuK[sequences]);
            cuQ[sequences] = totalQ;  // a last query or key sequence of at least one token keeps tensors non-empty
            cuK[sequences] = totalK;
            if (bottomRight && cuK[sequences] - cuK[sequences - 1] < cuQ[sequences] - cuQ[sequences - 1]) {
                continue;
            }
            DType dtype = shape.q().dtype();
            HostTensor q = HostTensor.of(RandomCall.values(random, totalQ * heads * dim, dim, 1, 1), dtype, totalQ, heads, dim);
            HostTensor k = HostTensor.of(RandomCall.values(random, totalK * kvHeads * dim, dim, 1, 8), dtype, totalK, kvHeads, dim);
            HostTensor v = HostTensor.of(RandomCall.values(random, totalK * kvHeads * dim, dim, 1, 2), dtype, totalK, kvHeads, dim);
            SageAttentionOptions options = shape.options().withMask(null).withLayout(Layout.NHD).withLse(caps.lse());
            int maxQ = maxLength(cuQ) + random.nextInt(3);
            int maxK = maxLength(cuK) + random.nextInt(3);
            VarlenCall call = VarlenCallValidator.validate(q, k, v, cuQ, cuK, maxQ, maxK, options);
            AttentionOutput got = SageAttention.sageattnVarlen(q, k, v, cuQ, cuK, maxQ, maxK, options);
            AttentionResult want = ReferenceCheck.referenceVarlen(q, k, v, heads, kvHeads, dim, cuQ, cuK, options);
            ReferenceAgreement bound = backend.agreement(call);
            String diff = ReferenceCheck.compare(got, want,
                    ReferenceCheck.varlenValueRanges(v, heads, kvHeads, dim, cuQ, cuK), bound, dtype);
            if (diff != null) {
                failures.add("varlen case " + i + " cuQ=" + java.util.Arrays.toString(cuQ) + " cuK="
                        + java.util.Arrays.toString(cuK) + " " + options.algorithm() + ": " + diff);
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }

    /**
     * Every option the capabilities exclude is refused with an IllegalArgumentException naming the backend and the
     * option; options they include (checked above) are honoured.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("availableBackends")
    void refusesEveryOptionItsCapabilitiesExclude(AttentionBackend backend) {
        BackendCapabilities caps = backend.capabilities();
        RandomCall base = RandomCall.generate(42, caps, backend.name());
        int refusals = 0;
        for (int d = 32; d <= 256; d += 8) {
            if (!caps.supportsHeadDim(d)) {
                int dim = d;
                HostTensor q = HostTensor.of(new float[2 * 4 * dim], 1, 2, 4, dim);
                SageAttentionOptions options = SageAttentionOptions.defaults().withAlgorithm(Algorithm.EXACT)
                        .withBackend(backend.name());
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> SageAttention.sageattn(q, q, q, options));
                assertTrue(e.getMessage().contains(backend.name()) && e.getMessage().contains("headDim=" + dim),
                        e.getMessage());
                refusals++;
            }
        }
        if (!caps.nonFiniteInputs()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SageAttention.sageattn(
                    base.q(), base.k(), base.v(), base.options().withNonFinite(NonFinitePolicy.ALLOW)));
            assertTrue(e.getMessage().contains(backend.name()) && e.getMessage().contains("nonFinite=ALLOW"),
                    e.getMessage());
            refusals++;
        }
        if (!caps.deviceTensors()) {
            DeviceTensor device = new DeviceTensor(0x1000, 0, DType.FP32, new int[] {1, 2, 4, 64});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SageAttention.sageattn(
                    device, device, device, SageAttentionOptions.defaults().withBackend(backend.name())));
            assertTrue(e.getMessage().contains(backend.name()) && e.getMessage().contains("host tensors only"),
                    e.getMessage());
            refusals++;
        }
        for (Algorithm a : Algorithm.values()) {
            if (!caps.algorithms().contains(a)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SageAttention.sageattn(
                        base.q(), base.k(), base.v(), base.options().withAlgorithm(a).withGranularity(null)));
                assertTrue(e.getMessage().contains("algorithm=" + a.id()), e.getMessage());
                refusals++;
            }
        }
        System.out.printf("%s refused %d unsupported calls%n", backend.name(), refusals);
    }

    /**
     * The check can fail, and the stated bounds are tight enough to matter: for cpu-vector, a kernel that skipped the
     * last key (the classic off-by-one) would be caught on every one of 20 small random calls.
     */
    @Test
    void aKernelThatSkipsTheLastKeyWouldBeCaughtByCpuVectorsBound() {
        AttentionBackend backend = Backends.find("cpu-vector").orElseThrow();
        int caught = 0;
        for (int i = 0; i < 20; i++) {
            RandomCall c = RandomCall.generate(500 + i, backend.capabilities(), backend.name());
            AttentionCall call = DenseCallValidator.validate(c.q(), c.k(), c.v(), c.options().withMask(null));
            int nq = call.shape().tokensQ();
            int nk = call.shape().tokensK();
            if (nk < 2 || call.causal()) {
                continue;
            }
            boolean[] keep = new boolean[nq * nk];
            for (int row = 0; row < nq; row++) {
                java.util.Arrays.fill(keep, row * nk, row * nk + nk - 1, true);
            }
            SageAttentionOptions options = c.options().withMask(null);
            AttentionResult skipped = ReferenceCheck.reference(c.q(), c.k(), c.v(),
                    options.withMask(Mask.keepBroadcast(keep, nq, nk)), call.shape());
            AttentionOutput got = SageAttention.sageattn(c.q(), c.k(), c.v(), options);
            String diff = ReferenceCheck.compare(got, new AttentionResult(skipped.output(), null),
                    ReferenceCheck.valueRanges(c.v(), call.shape(), options.layout()), backend.agreement(call),
                    c.q().dtype());
            assertNotNull(diff, "skipping the last key went unnoticed: " + c.description());
            caught++;
        }
        assertTrue(caught >= 10, "only " + caught + " cases were eligible");
    }

    @Test
    void theReferenceBackendIsBitIdentical() {
        AttentionBackend backend = Backends.find("cpu-reference").orElseThrow();
        RandomCall c = RandomCall.generate(3, backend.capabilities(), backend.name());
        AttentionCall call = DenseCallValidator.validate(c.q(), c.k(), c.v(), c.options());
        assertEquals(ReferenceAgreement.BIT_IDENTICAL, backend.agreement(call));
        AttentionResult want = ReferenceCheck.reference(c.q(), c.k(), c.v(), c.options(), call.shape());
        float[] got = SageAttention.sageattn(c.q(), c.k(), c.v(), c.options().withNonFinite(NonFinitePolicy.REJECT))
                .outputArray();
        float[] expected = c.q().dtype() == DType.FP32 ? want.output() : narrowed(want.output(), c.q().dtype());
        assertNull(java.util.Arrays.equals(got, expected) ? null : "differs", c.description());
    }

    private static float[] narrowed(float[] values, DType dtype) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = dtype.round(values[i]);
        }
        return out;
    }

    private static int maxLength(int[] cu) {
        int max = 0;
        for (int s = 0; s + 1 < cu.length; s++) {
            max = Math.max(max, cu[s + 1] - cu[s]);
        }
        return max;
    }
}
