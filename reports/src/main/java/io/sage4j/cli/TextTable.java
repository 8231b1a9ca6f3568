package io.sage4j.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: a heading row, a rule, aligned columns (right-aligned where asked). */
final class TextTable {
    private final String[] headings;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    /** Headings; a heading starting with '>' is right-aligned (the '>' is not shown). */
    TextTable(String... headings) {
        this.headings = new String[headings.length];
        this.right = new boolean[headings.length];
        for (int i = 0; i < headings.length; i++) {
            right[i] = headings[i].startsWith(">");
            this.headings[i] = right[i] ? headings[i].substring(1) : headings[i];
        }
    }

    TextTable row(Object... cells) {
        if (cells.length != headings.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headings.length + " columns");
        }
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = String.valueOf(cells[i]);
        }
        rows.add(r);
        return this;
    }

    @Override
    public String toString() {
        int[] widths = new int[headings.length];
        List<String[]> all = new ArrayList<>();
        all.add(headings);
        all.addAll(rows);
        for (String[] r : all) {
            for (int c = 0; c < r.length; c++) {
                widths[c] = Math.max(widths[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < all.size(); i++) {
            line(sb, all.get(i), widths);
            if (i == 0) {
                String[] rule = new String[widths.length];
                for (int c = 0; c < widths.length; c++) {
                    rule[c] = "-".repeat(widths[c]);
                }
                line(sb, rule, widths);
            }
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(widths[c] - cells[c].length());
            line.append(right[c] ? pad + cells[c] : cells[c] + pad);
        }
        sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
}
