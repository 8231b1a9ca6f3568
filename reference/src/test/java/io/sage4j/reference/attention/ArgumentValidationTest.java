package io.sage4j.reference.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sage4j.reference.quant.TokenGrouping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every bad argument gives an IllegalArgumentException naming it, its value and what is allowed. */
class ArgumentValidationTest {
    private static final AttentionShape SHAPE = AttentionShape.mha(1, 2, 4, 5, 32);

    @Test
    void shapes() {
        assertMessage(() -> new AttentionShape(1, 6, 4, 8, 8, 64),
                "heads (6) must be a multiple of kvHeads (4) for grouped-query attention, got heads % kvHeads = 2");
        assertMessage(() -> AttentionShape.mha(1, 2, 8, 8, 16), "headDim must be in [32, 256], got 16");
        assertMessage(() -> AttentionShape.mha(1, 2, 8, 8, 512), "headDim must be in [32, 256], got 512");
        assertMessage(() -> AttentionShape.mha(0, 2, 8, 8, 64), "batch must be > 0, got 0");
        assertMessage(() -> AttentionShape.mha(1, 2, -1, 8, 64), "tokensQ must be > 0, got -1");
        assertMessage(() -> new AttentionShape(1, 2, 0, 8, 8, 64), "kvHeads must be > 0, got 0");
        assertMessage(() -> AttentionShape.mha(64, 64, 4096, 4096, 256),
                "q would hold 4294967296 elements; at most 2147483639 fit one array");
    }

    @Test
    void tensors() {
        float[] q = new float[2 * 4 * 32];
        float[] kv = new float[2 * 5 * 32];
        assertMessage(() -> new AttentionInputs(SHAPE, Layout.NHD, new float[7], kv, kv, AttentionOptions.DEFAULT),
                "q has 7 elements but q NHD [B=1, N=4, H=2, D=32] needs 256");
        assertMessage(() -> new AttentionInputs(SHAPE, Layout.HND, q, kv, new float[3], AttentionOptions.DEFAULT),
                "v has 3 elements but v HND [B=1, H=2, N=5, D=32] needs 320");
        assertMessage(() -> new AttentionInputs(SHAPE, Layout.HND, q, null, kv, AttentionOptions.DEFAULT),
                "k must not be null");
        float[] bad = kv.clone();
        bad[17] = Float.NaN;
        assertMessage(() -> new AttentionInputs(SHAPE, Layout.HND, q, bad, kv, AttentionOptions.DEFAULT),
                "k[17] = NaN: attention inputs must be finite");
        assertMessage(() -> new AttentionInputs(SHAPE, null, q, kv, kv, AttentionOptions.DEFAULT),
                "layout must not be null");
    }

    @Test
    void optionsAndMasks() {
        assertMessage(() -> AttentionOptions.DEFAULT.withSmScale(-0.5f),
                "smScale must be finite and > 0 (or null for 1/sqrt(D)), got -0.5");
        assertMessage(() -> AttentionOptions.DEFAULT.withSmScale(Float.NaN), "smScale must be finite and > 0");
        assertMessage(() -> AttentionOptions.DEFAULT.withCausal(null), "alignment must not be null");
        assertMessage(() -> AttentionMask.keepBroadcast(new boolean[6], 4, 5),
                "keep has 6 elements but the mask shape [Nq=4, Nk=5] needs 20");
        float[] bias = new float[20];
        bias[3] = Float.POSITIVE_INFINITY;
        assertMessage(() -> AttentionMask.additiveBroadcast(bias, 4, 5),
                "bias[3] = Infinity: an additive mask holds finite values or -Infinity");
        AttentionMask wrong = AttentionMask.keep(new boolean[3 * 4 * 5], 1, 3, 4, 5);
        assertMessage(() -> new AttentionInputs(SHAPE, Layout.HND, new float[256], new float[320], new float[320],
                        AttentionOptions.DEFAULT.withMask(wrong)),
                "options.mask has shape [B=1, Hq=3, Nq=4, Nk=5] but the call needs [B=1, Hq=2, Nq=4, Nk=5] "
                        + "or broadcast [Nq=4, Nk=5]");
    }

    @Test
    void algorithmConfigs() {
        assertMessage(() -> Sage2Config.sm90().withTiles(64, 48, TileOrder.ASCENDING),
                "ctaK must be a multiple of 32 (a KV tile is a whole number of k32 FP8 MMAs), got 48");
        assertMessage(() -> Sage2Config.sm90().withTiles(0, 64, TileOrder.ASCENDING), "ctaQ must be > 0, got 0");
        assertMessage(() -> Sage2Config.sm90().withGroupings(null, TokenGrouping.perBlock(64)),
                "qGrouping must not be null");
        assertMessage(() -> new Sage3Config(Fp4Variant.MXFP4_OCP_FLOOR, true, true, 128, 48, TileOrder.DESCENDING),
                "kvTile must be a multiple of 32 (P is quantized in blocks of 32 keys of MXFP4_OCP_FLOOR), got 48");
        AttentionInputs d48 = Workloads.gaussianInputs(1, AttentionShape.mha(1, 1, 4, 4, 48), Layout.HND,
                AttentionOptions.DEFAULT);
        assertMessage(() -> new SageAttention3Algorithm(Sage3Config.defaults().withVariant(Fp4Variant.MXFP4_NVIDIA_RCEIL))
                        .compute(d48),
                "headDim must be a multiple of 32 for MXFP4_NVIDIA_RCEIL (Q and K are quantized in blocks of 32 "
                        + "channels), got 48");
        assertMessage(() -> new SageAttention2Algorithm(null), "config must not be null");
    }

    private static void assertMessage(Executable call, String expectedStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        if (!e.getMessage().startsWith(expectedStart)) {
            assertEquals(expectedStart, e.getMessage());
        }
    }
}
