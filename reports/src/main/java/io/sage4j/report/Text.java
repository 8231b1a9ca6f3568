package io.sage4j.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Formatting shared by the HTML page and the Markdown summary. */
final class Text {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Text() {}

    /** HTML-escaped text. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Text for a Markdown table cell: pipes escaped, no line breaks. */
    static String md(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", "");
    }

    static String time(Instant t) {
        return t == null ? "time not recorded" : TIME.format(t);
    }

    /** Throughput: no decimals from 100 up, one below. */
    static String tops(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : v >= 1 ? "%.2f" : "%.3g", v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f×", v);
    }

    static String percent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "–";
        }
        double p = fraction * 100;
        return String.format(Locale.ROOT, Math.abs(p) >= 10 ? "%.0f %%" : "%.1f %%", p);
    }

    static String signedPercent(double fraction) {
        if (Double.isInfinite(fraction)) {
            return fraction > 0 ? "+∞" : "−∞";
        }
        double p = fraction * 100;
        return String.format(Locale.ROOT, Math.abs(p) >= 10 ? "%+.0f %%" : "%+.1f %%", p).replace('-', '−');
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, v >= 10 ? "%.2f" : "%.3f", v);
    }

    static String num(double v, int decimals) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A number in scientific notation with 3 significant digits (errors). */
    static String sci(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String thousands(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** 4294967296 reads 2^32; other counts with thousands separators. */
    static String count(long v) {
        if (v > 0 && Long.bitCount(v) == 1 && v >= 1L << 20) {
            return "2^" + Long.numberOfTrailingZeros(v);
        }
        return thousands(v);
    }

    /** "a", "a and b", "a, b and c". */
    static String and(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.getFirst();
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }

    /** A file-name-safe slug of arbitrary text. */
    static String slug(String s) {
        String t = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return t.isEmpty() ? "x" : t;
    }
}
