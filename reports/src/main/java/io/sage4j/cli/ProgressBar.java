package io.sage4j.cli;

import java.util.Locale;

/**
 * Text of the progress line: pure functions of what is done, the total and the time elapsed, so the rendering is
 * testable without a terminal.
 */
public final class ProgressBar {
    /** Cells of the bar itself. */
    static final int BAR_CELLS = 8;
    /** Width the subject name is padded to (the longest catalogue name, {@code ue8m0_satfinite_rz}, has 18). */
    static final int NAME_WIDTH = 18;

    private static final String[] UNITS = {"K", "M", "G", "T", "P", "E"};

    private ProgressBar() {}

    /**
     * One progress line, for example
     * {@code [ 1/13] e2m1_satfinite_rn  [####....]  50.0% 2.15G/4.29G 429.5 M/s ETA 0:05}.
     *
     * @param index        1-based position of the subject in the run
     * @param count        number of subjects in the run
     * @param name         the subject's name
     * @param done         inputs finished so far
     * @param total        inputs of the subject
     * @param elapsedNanos time since the subject started
     */
    public static String render(int index, int count, String name, long done, long total, long elapsedNanos) {
        long clamped = Math.max(0, Math.min(done, total));
        double fraction = total <= 0 ? 1.0 : (double) clamped / total;
        int cells = (int) Math.floor(fraction * BAR_CELLS);
        double seconds = elapsedNanos / 1e9;
        String rate = clamped > 0 && elapsedNanos > 0
                ? String.format(Locale.ROOT, "%5.1f M/s", clamped / seconds / 1e6)
                : "  --- M/s";
        String eta;
        if (clamped >= total) {
            eta = "ETA 0:00";
        } else if (clamped > 0 && elapsedNanos > 0) {
            eta = "ETA " + duration(Math.round((total - clamped) * (seconds / clamped)));
        } else {
            eta = "ETA --:--";
        }
        return String.format(Locale.ROOT, "%s %-" + NAME_WIDTH + "s [%s%s] %5.1f%% %s/%s %s %s",
                position(index, count), name, "#".repeat(cells), ".".repeat(BAR_CELLS - cells),
                fraction * 100, compact(clamped), compact(total), rate, eta);
    }

    /**
     * The line left behind when a subject finishes, for example
     * {@code [ 1/13] e2m1_satfinite_rn    4,294,967,296 inputs, 0 mismatches, 7.12 s (603.2 M/s)  ok}.
     */
    public static String finished(int index, int count, String name, long inputs, long mismatches, long nanos) {
        double seconds = nanos / 1e9;
        String rate = nanos > 0 ? String.format(Locale.ROOT, "%.1f M/s", inputs / seconds / 1e6) : "--- M/s";
        return String.format(Locale.ROOT, "%s %-" + NAME_WIDTH + "s %,15d inputs, %,d mismatches, %.2f s (%s)  %s",
                position(index, count), name, inputs, mismatches, seconds, rate, mismatches == 0 ? "ok" : "MISMATCH");
    }

    /** {@code [ 3/13]}: the index padded to the width of the count, so that lines align. */
    static String position(int index, int count) {
        int width = Integer.toString(count).length();
        return String.format(Locale.ROOT, "[%" + width + "d/%d]", index, count);
    }

    /** A count in at most 3 significant decimals and an SI suffix: 999, 1.00K, 4.29G. */
    public static String compact(long n) {
        if (n < 1000) {
            return Long.toString(n);
        }
        double v = n;
        int unit = -1;
        while (v >= 999.995 && unit < UNITS.length - 1) {
            v /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f%s", v, UNITS[unit]);
    }

    /** Whole seconds as {@code m:ss} below an hour, else {@code h:mm:ss}. */
    public static String duration(long seconds) {
        long s = Math.max(0, seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
