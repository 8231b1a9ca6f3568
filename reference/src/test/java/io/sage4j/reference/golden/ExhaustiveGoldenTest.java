package io.sage4j.reference.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every conversion over every float32 bit pattern: the nine golden conversions against the map measured
 * on an H100, the rest against independent oracles. About two minutes on two cores (each 2^32 sweep is
 * 6–12 s, parallel over the cores).
 */
class ExhaustiveGoldenTest {
    private static final GoldenMap GOLDEN = GoldenMap.bundled();

    static Stream<ExhaustiveCheck.Subject> subjects() {
        return FormatChecks.all(GOLDEN).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void matchesEveryInput(ExhaustiveCheck.Subject subject) {
        ExhaustiveCheck.Result result = ExhaustiveCheck.run(subject, done -> {});
        assertEquals(subject.inputs(), result.inputs());
        assertEquals(0, result.mismatches(), () -> subject.name() + " vs " + result.oracle() + ": "
                + result.mismatches() + " mismatches, e.g. " + result.examples());
    }
}
