package io.sage4j.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON parser (RFC 8259) for the result files the report reads. Objects become
 * {@link LinkedHashMap}s (member order kept), arrays {@link ArrayList}s, numbers {@link Double}s, and
 * {@code null} becomes {@link #NULL} so that a member that is present but null can be told from a missing one.
 */
public final class Json {
    /** The JSON {@code null} value. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Malformed JSON, with the 1-based line and column where the parser stopped. */
    public static final class ParseException extends Exception {
        private final int line;
        private final int column;

        ParseException(String message, int line, int column) {
            super("line " + line + ", column " + column + ": " + message);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    private static final int MAX_DEPTH = 256;

    private final String s;
    private int pos;

    private Json(String s) {
        this.s = s;
    }

    /** The value the whole of {@code text} holds (a leading byte-order mark is ignored). */
    public static Object parse(String text) throws ParseException {
        Json p = new Json(text);
        if (text.startsWith("\uFEFF")) {
            p.pos = 1;
        }
        p.skipSpace();
        if (p.pos >= text.length()) {
            throw p.error("the file is empty; expected a JSON object or array");
        }
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected " + p.describeHere() + " after the end of the JSON value");
        }
        return v;
    }

    private Object value(int depth) throws ParseException {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= s.length()) {
            throw error("unexpected end of file; expected a value");
        }
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected " + describeHere() + "; expected a value");
            }
        };
    }

    private Map<String, Object> object(int depth) throws ParseException {
        pos++;  // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("unexpected " + describeHere() + "; expected a member name in double quotes");
            }
            int nameAt = pos;
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            Object v = value(depth + 1);
            if (map.containsKey(name)) {
                int keep = pos;
                pos = nameAt;
                ParseException e = error("duplicate member \"" + name + "\"");
                pos = keep;
                throw e;
            }
            map.put(name, v);
            skipSpace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                return map;
            } else {
                throw error("unexpected " + describeHere() + "; expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) throws ParseException {
        pos++;  // [
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value(depth + 1));
            skipSpace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                return list;
            } else {
                throw error("unexpected " + describeHere() + "; expected ',' or ']'");
            }
        }
    }

    private String string() throws ParseException {
        pos++;  // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw error("unexpected end of file inside a string");
            }
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("control character U+" + String.format("%04X", (int) c) + " inside a string");
            }
            if (c != '\\') {
                sb.append(c);
                pos++;
                continue;
            }
            pos++;
            if (pos >= s.length()) {
                throw error("unexpected end of file inside a string");
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) {
                        throw error("unexpected end of file in a \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(s.charAt(pos + i), 16);
                        if (d < 0) {
                            pos += i;
                            throw error("bad hex digit in a \\u escape");
                        }
                        code = code * 16 + d;
                    }
                    pos += 4;
                    sb.append((char) code);
                }
                default -> {
                    pos--;
                    throw error("bad escape \\" + e + " in a string");
                }
            }
        }
    }

    private Double number() throws ParseException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("bad number: a digit must follow '-'");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("bad number: a digit must follow '.'");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("bad number: a digit must follow the exponent");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        return Double.parseDouble(s.substring(start, pos));
    }

    private Object literal(String word, Object v) throws ParseException {
        if (!s.startsWith(word, pos)) {
            throw error("unexpected " + describeHere() + "; expected a value");
        }
        pos += word.length();
        return v;
    }

    private void expect(char c) throws ParseException {
        if (peek() != c) {
            throw error("unexpected " + describeHere() + "; expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                break;
            }
        }
    }

    private String describeHere() {
        if (pos >= s.length()) {
            return "end of file";
        }
        char c = s.charAt(pos);
        return c < 0x20 || c > 0x7E ? "character U+" + String.format("%04X", (int) c) : "'" + c + "'";
    }

    private ParseException error(String message) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < Math.min(pos, s.length()); i++) {
            if (s.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new ParseException(message, line, col);
    }
}
