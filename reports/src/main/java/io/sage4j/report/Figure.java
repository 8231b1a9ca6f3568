package io.sage4j.report;

/**
 * One number of the report that a later report can be compared with: a TOPS value, a bandwidth, a verification
 * verdict, an accuracy error.
 *
 * @param key            stable identity across reports (section, card, backend, shape, ...)
 * @param section        attention, quantizer, verify or accuracy
 * @param device         the card (or {@code CPU reference}) the figure was measured on
 * @param label          what it is, for people
 * @param unit           its unit
 * @param value          the figure (the median for timings)
 * @param low            the worst repeat of the run, on the same scale (NaN when unknown)
 * @param high           the best repeat of the run (NaN when unknown)
 * @param higherIsBetter whether a larger value is better
 * @param gated          whether a fall counts as a regression (sage4j's own figures; peers' are context)
 * @param exact          whether the figure is deterministic (a verdict): any fall counts, no noise allowance
 * @param source         the result file it came from
 */
public record Figure(String key, String section, String device, String label, String unit, double value, double low,
                     double high, boolean higherIsBetter, boolean gated, boolean exact, String source) {

    /** The run-to-run spread of the figure's own run: (best − worst repeat) / value, 0 when unknown. */
    public double relativeSpread() {
        if (exact || Double.isNaN(low) || Double.isNaN(high) || value == 0) {
            return 0;
        }
        return Math.abs(high - low) / Math.abs(value);
    }
}
