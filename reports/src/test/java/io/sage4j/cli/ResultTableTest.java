package io.sage4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.reference.golden.ExhaustiveCheck.Mismatch;
import io.sage4j.reference.golden.ExhaustiveCheck.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    private static final long ALL = 1L << 32;
    private static final String NL = System.lineSeparator();

    @Test
    void alignsColumnsWithThousandsSeparators() {
        List<Result> results = List.of(
                new Result("e2m1_satfinite_rn", "golden e2m1_satfinite_rn", ALL, 0, List.of(), 7_123_000_000L),
                new Result("ue4m3_satfinite_rn", "golden e4m3_satfinite_rn", 1L << 31, 0, List.of(), 3_500_000_000L),
                new Result("bf16_rn", "carry-add bit trick", ALL, 0, List.of(), 12_346_000_000L));
        String expected = String.join(NL,
                "conversion          oracle                    inputs checked  mismatches  time (s)",
                "------------------  ------------------------  --------------  ----------  --------",
                "e2m1_satfinite_rn   golden e2m1_satfinite_rn   4,294,967,296           0      7.12",
                "ue4m3_satfinite_rn  golden e4m3_satfinite_rn   2,147,483,648           0      3.50",
                "bf16_rn             carry-add bit trick        4,294,967,296           0     12.35") + NL;
        assertEquals(expected, ResultTable.format(results));
        assertEquals("ALL 3 CONVERSIONS MATCH (10,737,418,240 inputs in total)" + NL, ResultTable.summary(results));
    }

    @Test
    void singleConversionVerdict() {
        List<Result> one = List.of(new Result("fp16_rn", "JDK Float.floatToFloat16", ALL, 0, List.of(), 1));
        assertEquals("THE 1 CONVERSION MATCHES (4,294,967,296 inputs in total)" + NL, ResultTable.summary(one));
    }

    @Test
    void failedSummaryListsAtMostEightExamplesPerFailingConversion() {
        List<Mismatch> examples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            examples.add(new Mismatch(0x40a00001 + i, 7, 6));
        }
        List<Result> results = List.of(
                new Result("e2m1_satfinite_rn", "golden e2m1_satfinite_rn", ALL, 1_063_256_063L, examples, 1),
                new Result("fp16_rn", "JDK Float.floatToFloat16", ALL, 0, List.of(), 1),
                new Result("int8_rni_sat", "Math.rint + clamp", ALL, 1, List.of(new Mismatch(0x3f000000, 1, 0)), 1));
        String summary = ResultTable.summary(results);
        assertTrue(summary.startsWith("FAILED: 2 of 3 conversions mismatch (1,063,256,064 of 12,884,901,888 inputs)" + NL),
                summary);
        assertTrue(summary.contains("  e2m1_satfinite_rn: 1,063,256,063 mismatches against golden e2m1_satfinite_rn, first 8:"
                + NL), summary);
        assertTrue(summary.contains("    " + new Mismatch(0x40a00001, 7, 6) + NL), summary);
        assertTrue(summary.contains("    " + new Mismatch(0x40a00008, 7, 6) + NL), summary);
        assertFalse(summary.contains(new Mismatch(0x40a00009, 7, 6).toString()), summary);
        assertTrue(summary.contains("  int8_rni_sat: 1 mismatch against Math.rint + clamp:" + NL
                + "    0x3f000000 (0.5): got 0x1, expected 0x0" + NL), summary);
        assertFalse(summary.contains("fp16_rn"), summary);
        assertTrue(ResultTable.format(results).contains("1,063,256,063"));
    }
}
