package io.sage4j.reference.golden;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exhaustive float32 conversion maps measured on an H100 from NVIDIA's intrinsics
 * ({@code cuda_fp8.h}, {@code cuda_fp4.h}), stored as segments: every float32 bit pattern from a segment's
 * first pattern up to the next segment's start converts to the segment's code.
 *
 * <p>The bundled copy is {@code ../shared/golden/fp-conversion-segments.txt}, unchanged, header included.
 */
public final class GoldenMap {
    /** Classpath location of the bundled map. */
    public static final String RESOURCE = "/golden/fp-conversion-segments.txt";

    private final List<String> header;
    private final Map<String, Segments> conversions;

    private GoldenMap(List<String> header, Map<String, Segments> conversions) {
        this.header = List.copyOf(header);
        this.conversions = Collections.unmodifiableMap(conversions);
    }

    /** The map that ships in the jar. */
    public static GoldenMap bundled() {
        try (InputStream in = GoldenMap.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("golden map missing from the classpath: " + RESOURCE);
            }
            return parse(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A map read from a file. */
    public static GoldenMap read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        }
    }

    static GoldenMap parse(InputStream in, String source) throws IOException {
        List<String> header = new ArrayList<>();
        Map<String, List<long[]>> rows = new LinkedHashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.startsWith("#")) {
                header.add(line);
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.trim().split("\\s+");
            if (fields.length != 3) {
                throw new IOException(source + ":" + lineNumber + ": expected 'name start code', got '" + line + "'");
            }
            try {
                long start = Long.parseLong(fields[1], 16);
                long code = Long.parseLong(fields[2], 16);
                rows.computeIfAbsent(fields[0], k -> new ArrayList<>()).add(new long[] {start, code});
            } catch (NumberFormatException e) {
                throw new IOException(source + ":" + lineNumber + ": bad hex in '" + line + "'", e);
            }
        }
        Map<String, Segments> conversions = new LinkedHashMap<>();
        for (Map.Entry<String, List<long[]>> e : rows.entrySet()) {
            conversions.put(e.getKey(), Segments.of(e.getKey(), e.getValue(), source));
        }
        return new GoldenMap(header, conversions);
    }

    /** The file's comment lines (provenance). */
    public List<String> header() {
        return header;
    }

    /** Conversion names in file order. */
    public List<String> names() {
        return List.copyOf(conversions.keySet());
    }

    /** The segments of one conversion. */
    public Segments segments(String name) {
        Segments s = conversions.get(name);
        if (s == null) {
            throw new IllegalArgumentException("golden map has no conversion '" + name + "'; it has " + names());
        }
        return s;
    }

    /** One conversion's map: sorted segment starts (as unsigned 32-bit patterns) and their codes. */
    public static final class Segments implements ConversionOracle {
        private final String name;
        private final long[] starts;
        private final int[] codes;

        private Segments(String name, long[] starts, int[] codes) {
            this.name = name;
            this.starts = starts;
            this.codes = codes;
        }

        static Segments of(String name, List<long[]> rows, String source) throws IOException {
            rows.sort((a, b) -> Long.compare(a[0], b[0]));
            long[] starts = new long[rows.size()];
            int[] codes = new int[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                starts[i] = rows.get(i)[0];
                codes[i] = (int) rows.get(i)[1];
                if (i > 0 && starts[i] == starts[i - 1]) {
                    throw new IOException(source + ": " + name + " has two segments starting at " + Long.toHexString(starts[i]));
                }
            }
            if (starts.length == 0 || starts[0] != 0) {
                throw new IOException(source + ": " + name + " does not start at 0x00000000");
            }
            if (starts[starts.length - 1] > 0xFFFF_FFFFL) {
                throw new IOException(source + ": " + name + " has a start beyond 32 bits");
            }
            return new Segments(name, starts, codes);
        }

        /** Conversion name, e.g. {@code e4m3_satfinite_rn}. */
        public String name() {
            return name;
        }

        /** Segment starts as unsigned 32-bit patterns in int form (for uploading to a GPU). */
        public int[] startsAsInts() {
            int[] out = new int[starts.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (int) starts[i];
            }
            return out;
        }

        /** Segment codes as bytes (every golden conversion has 8-bit codes). */
        public byte[] codesAsBytes() {
            byte[] out = new byte[codes.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) codes[i];
            }
            return out;
        }

        /** Number of segments. */
        public int size() {
            return starts.length;
        }

        /** Expected code of one float32 bit pattern. */
        public int codeOf(int floatBits) {
            return codes[indexOf(Integer.toUnsignedLong(floatBits))];
        }

        private int indexOf(long pattern) {
            int lo = 0;
            int hi = starts.length - 1;
            while (lo < hi) {  // last segment whose start <= pattern
                int mid = (lo + hi + 1) >>> 1;
                if (starts[mid] <= pattern) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }

        @Override
        public void expected(long first, int[] out) {
            int segment = indexOf(first);
            long nextStart = segment + 1 < starts.length ? starts[segment + 1] : Long.MAX_VALUE;
            for (int i = 0; i < out.length; i++) {
                long pattern = first + i;
                while (pattern >= nextStart) {
                    segment++;
                    nextStart = segment + 1 < starts.length ? starts[segment + 1] : Long.MAX_VALUE;
                }
                out[i] = codes[segment];
            }
        }

        @Override
        public String describe() {
            return "golden " + name;
        }
    }
}
