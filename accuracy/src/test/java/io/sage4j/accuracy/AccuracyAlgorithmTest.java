package io.sage4j.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.reference.attention.Fp4Variant;
import io.sage4j.reference.attention.Sage2Config;
import io.sage4j.reference.attention.Sage3Config;
import io.sage4j.reference.attention.SageAttention2Algorithm;
import io.sage4j.reference.attention.SageAttention3Algorithm;
import io.sage4j.reference.quant.TokenGrouping;
import org.junit.jupiter.api.Test;

/** Each ablation variant changes exactly the knob its name says, from the default configuration. */
class AccuracyAlgorithmTest {
    private static Sage2Config sa2(AccuracyAlgorithm a) {
        return assertInstanceOf(SageAttention2Algorithm.class, a.create()).config();
    }

    private static Sage3Config sa3(AccuracyAlgorithm a) {
        return assertInstanceOf(SageAttention3Algorithm.class, a.create()).config();
    }

    @Test
    void sage2VariantsChangeOneKnob() {
        Sage2Config base = Sage2Config.sm90();
        assertEquals(base, sa2(AccuracyAlgorithm.SAGE2_INT8));
        assertEquals(base.withSmoothK(false), sa2(AccuracyAlgorithm.SAGE2_INT8_NO_SMOOTH_K));
        assertEquals(base.withSmoothV(true), sa2(AccuracyAlgorithm.SAGE2_INT8_SMOOTH_V));
        Sage2Config perBlock = sa2(AccuracyAlgorithm.SAGE2_INT8_PER_BLOCK);
        assertEquals(base.withGroupings(TokenGrouping.perBlock(64), TokenGrouping.perBlock(128)), perBlock);
    }

    @Test
    void sage3VariantsChangeOneKnob() {
        Sage3Config base = Sage3Config.defaults();
        assertEquals(base, sa3(AccuracyAlgorithm.SAGE3_FP4));
        assertTrue(base.smoothK() && base.smoothQ());
        assertEquals(base.withSmoothing(true, false), sa3(AccuracyAlgorithm.SAGE3_FP4_SMOOTH_K));
        assertEquals(base.withSmoothing(false, false), sa3(AccuracyAlgorithm.SAGE3_FP4_NO_SMOOTH));
        assertEquals(base.withVariant(Fp4Variant.MXFP4_OCP_FLOOR), sa3(AccuracyAlgorithm.SAGE3_FP4_MXFP4));
    }

    @Test
    void namesAreUniqueAndUnknownOnesListTheValidOnes() {
        assertEquals(AccuracyAlgorithm.values().length,
                java.util.Arrays.stream(AccuracyAlgorithm.values()).map(AccuracyAlgorithm::cliName).distinct().count());
        assertEquals(AccuracyAlgorithm.SAGE3_FP4_MXFP4, AccuracyAlgorithm.byName("sage3-fp4-mxfp4"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccuracyAlgorithm.byName("sage4"));
        assertEquals("algorithm must be one of " + AccuracyAlgorithm.validNames() + ", got sage4", e.getMessage());
        assertFalse(AccuracyAlgorithm.validNames().isEmpty());
    }

    @Test
    void candidatesNeedANameAndAnAlgorithm() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> new Candidate(" ", AccuracyAlgorithm.EXACT.create()));
        assertTrue(blank.getMessage().startsWith("name must not be blank"), blank.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> new Candidate("x", null));
        assertEquals("algorithm must not be null (candidate x)", none.getMessage());
    }
}
