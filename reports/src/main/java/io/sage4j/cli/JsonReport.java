package io.sage4j.cli;

import io.sage4j.reference.golden.ExhaustiveCheck.Mismatch;
import io.sage4j.reference.golden.ExhaustiveCheck.Result;
import java.time.Instant;
import java.util.List;

/** The JSON document of a verify-formats run. */
public final class JsonReport {
    /** Value of the document's {@code tool} member. */
    public static final String TOOL = "sage4j verify-formats";

    private JsonReport() {}

    /**
     * @param goldenKind     {@code bundled} or {@code file}
     * @param goldenLocation the classpath resource or the absolute file path
     * @param goldenHeader   the golden map's provenance lines
     * @param timestamp      when the run started
     */
    public static String render(String goldenKind, String goldenLocation, List<String> goldenHeader,
                                List<Result> results, Instant timestamp) {
        long inputs = 0;
        long mismatches = 0;
        long nanos = 0;
        for (Result r : results) {
            inputs += r.inputs();
            mismatches += r.mismatches();
            nanos += r.nanos();
        }
        JsonWriter w = new JsonWriter().beginObject()
                .member("tool", TOOL)
                .member("version", Sage4jVersion.version())
                .member("timestamp", timestamp.toString())
                .member("java.version", System.getProperty("java.version"))
                .member("java.vendor", System.getProperty("java.vendor"))
                .member("os.name", System.getProperty("os.name"))
                .member("os.arch", System.getProperty("os.arch"))
                .member("availableProcessors", Runtime.getRuntime().availableProcessors());
        w.name("golden").beginObject()
                .member("source", goldenKind)
                .member("location", goldenLocation);
        w.name("header").beginArray();
        for (String line : goldenHeader) {
            w.value(line);
        }
        w.endArray().endObject();
        w.member("passed", mismatches == 0)
                .member("conversionCount", results.size())
                .member("totalInputs", inputs)
                .member("totalMismatches", mismatches)
                .member("totalSeconds", nanos / 1e9);
        w.name("conversions").beginArray();
        for (Result r : results) {
            w.beginObject()
                    .member("name", r.name())
                    .member("oracle", r.oracle())
                    .member("inputs", r.inputs())
                    .member("mismatches", r.mismatches())
                    .member("passed", r.passed())
                    .member("seconds", r.nanos() / 1e9);
            w.name("examples").beginArray();
            for (Mismatch m : r.examples()) {
                w.beginObject()
                        .member("input", String.format("0x%08x", m.floatBits()))
                        .member("value", Float.toString(Float.intBitsToFloat(m.floatBits())))
                        .member("actual", String.format("0x%x", m.actual()))
                        .member("expected", String.format("0x%x", m.expected()))
                        .member("text", m.toString())
                        .endObject();
            }
            w.endArray().endObject();
        }
        return w.endArray().endObject().toJson();
    }
}
