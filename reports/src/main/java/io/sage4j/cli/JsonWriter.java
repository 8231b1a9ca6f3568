package io.sage4j.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal streaming JSON writer with two-space indentation, enough for sage4j's reports without a dependency.
 * Calls must nest properly: {@code name} only inside an object, each name followed by exactly one value.
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    /** One entry per open container: whether it already holds an element. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private final Deque<Boolean> isObject = new ArrayDeque<>();
    private boolean afterName;
    private boolean done;

    public JsonWriter beginObject() {
        return begin('{', true);
    }

    public JsonWriter endObject() {
        return end('}', true);
    }

    public JsonWriter beginArray() {
        return begin('[', false);
    }

    public JsonWriter endArray() {
        return end(']', false);
    }

    /** The name of the next member of the current object. */
    public JsonWriter name(String name) {
        if (open.isEmpty() || !isObject.peek() || afterName) {
            throw new IllegalStateException("a name belongs directly inside an object, before a value");
        }
        separate();
        out.append(quote(name)).append(": ");
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        prefix();
        out.append(s == null ? "null" : quote(s));
        return scalarDone();
    }

    public JsonWriter value(long n) {
        prefix();
        out.append(n);
        return scalarDone();
    }

    /** A number; NaN and infinities, which JSON lacks, become {@code null}. */
    public JsonWriter value(double d) {
        prefix();
        out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        return scalarDone();
    }

    public JsonWriter value(boolean b) {
        prefix();
        out.append(b);
        return scalarDone();
    }

    /** A member holding a string. */
    public JsonWriter member(String name, String value) {
        return name(name).value(value);
    }

    public JsonWriter member(String name, long value) {
        return name(name).value(value);
    }

    public JsonWriter member(String name, double value) {
        return name(name).value(value);
    }

    public JsonWriter member(String name, boolean value) {
        return name(name).value(value);
    }

    /** The finished document, ending in a newline. */
    public String toJson() {
        if (!done || !open.isEmpty()) {
            throw new IllegalStateException("JSON document is not complete");
        }
        return out + "\n";
    }

    private JsonWriter scalarDone() {
        if (open.isEmpty()) {
            done = true;
        }
        return this;
    }

    private JsonWriter begin(char bracket, boolean object) {
        prefix();
        out.append(bracket);
        open.push(new boolean[1]);
        isObject.push(object);
        return this;
    }

    private JsonWriter end(char bracket, boolean object) {
        if (open.isEmpty() || isObject.peek() != object || afterName) {
            throw new IllegalStateException("unbalanced " + bracket);
        }
        boolean hadElements = open.pop()[0];
        isObject.pop();
        if (hadElements) {
            newline();
        }
        out.append(bracket);
        if (open.isEmpty()) {
            done = true;
        }
        return this;
    }

    /** Before a value: nothing after a name, a separator inside an array, a check at the top level. */
    private void prefix() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (open.isEmpty()) {
            if (!out.isEmpty()) {
                throw new IllegalStateException("a JSON document holds one top-level value");
            }
            return;
        }
        if (isObject.peek()) {
            throw new IllegalStateException("a value inside an object needs a name first");
        }
        separate();
    }

    private void separate() {
        boolean[] top = open.peek();
        if (top[0]) {
            out.append(',');
        }
        top[0] = true;
        newline();
    }

    private void newline() {
        out.append('\n').append("  ".repeat(open.size()));
    }

    /** A JSON string literal: quotes, backslashes, control characters and unpaired surrogates escaped. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (pairedHigh) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
