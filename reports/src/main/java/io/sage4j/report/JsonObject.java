package io.sage4j.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed, checked access to one parsed JSON object of a result file. Every failure names the file, where in it the
 * object sits ({@code row 3}, {@code quantizers[1]}) and what was expected.
 */
final class JsonObject {
    private final Path file;
    private final String where;
    private final Map<String, Object> map;

    JsonObject(Path file, String where, Map<String, Object> map) {
        this.file = file;
        this.where = where;
        this.map = map;
    }

    /** {@code value} as an object, or a clear error. */
    @SuppressWarnings("unchecked")
    static JsonObject of(Path file, String where, Object value) throws InputException {
        if (!(value instanceof Map)) {
            throw new InputException(file, where + ": expected a JSON object, found " + describe(value));
        }
        return new JsonObject(file, where, (Map<String, Object>) value);
    }

    Path file() {
        return file;
    }

    String where() {
        return where;
    }

    boolean has(String name) {
        Object v = map.get(name);
        return v != null && v != Json.NULL;
    }

    Object raw(String name) {
        return map.get(name);
    }

    String str(String name) throws InputException {
        Object v = need(name, "a string");
        if (!(v instanceof String s)) {
            throw wrong(name, "a string", v);
        }
        return s;
    }

    /** The string, or {@code fallback} when the member is missing or null. */
    String optStr(String name, String fallback) throws InputException {
        return has(name) ? str(name) : fallback;
    }

    double num(String name) throws InputException {
        Object v = need(name, "a number");
        if (!(v instanceof Double d)) {
            throw wrong(name, "a number", v);
        }
        return d;
    }

    /** The number, or NaN when the member is missing or null. */
    double optNum(String name) throws InputException {
        return has(name) ? num(name) : Double.NaN;
    }

    int integer(String name) throws InputException {
        double d = num(name);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new InputException(file, where + ": member \"" + name + "\" must be an integer, found " + d);
        }
        return (int) d;
    }

    long longValue(String name) throws InputException {
        double d = num(name);
        if (d != Math.rint(d) || Math.abs(d) > 9.007199254740992E15) {
            throw new InputException(file, where + ": member \"" + name + "\" must be an integer, found " + d);
        }
        return (long) d;
    }

    long optLong(String name, long fallback) throws InputException {
        return has(name) ? longValue(name) : fallback;
    }

    boolean bool(String name) throws InputException {
        Object v = need(name, "true or false");
        if (!(v instanceof Boolean b)) {
            throw wrong(name, "true or false", v);
        }
        return b;
    }

    /** The array's elements; a missing or null member gives an empty list. */
    List<Object> optArray(String name) throws InputException {
        if (!has(name)) {
            return List.of();
        }
        Object v = map.get(name);
        if (!(v instanceof List<?> l)) {
            throw wrong(name, "an array", v);
        }
        return new ArrayList<>(l);
    }

    JsonObject child(String name) throws InputException {
        Object v = need(name, "an object");
        if (!(v instanceof Map)) {
            throw wrong(name, "an object", v);
        }
        return of(file, where + "." + name, v);
    }

    /** The element objects of an array member, each with its position in its description. */
    List<JsonObject> objects(String name) throws InputException {
        List<Object> items = optArray(name);
        List<JsonObject> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(of(file, (where.isEmpty() ? "" : where + ".") + name + "[" + i + "]", items.get(i)));
        }
        return out;
    }

    /** A scalar member as text (strings as they are, numbers without a needless ".0"), or null. */
    String scalarText(String name) {
        Object v = map.get(name);
        if (v == null || v == Json.NULL || v instanceof Map || v instanceof List) {
            return null;
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return v.toString();
    }

    private Object need(String name, String expected) throws InputException {
        if (!map.containsKey(name)) {
            throw new InputException(file, where + ": member \"" + name + "\" is missing (expected " + expected + ")");
        }
        Object v = map.get(name);
        if (v == Json.NULL) {
            throw new InputException(file, where + ": member \"" + name + "\" is null (expected " + expected + ")");
        }
        return v;
    }

    private InputException wrong(String name, String expected, Object v) {
        return new InputException(file, where + ": member \"" + name + "\" should be " + expected + ", found "
                + describe(v));
    }

    static String describe(Object v) {
        if (v == null || v == Json.NULL) {
            return "null";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (v instanceof Boolean) {
            return v.toString();
        }
        return "the number " + v;
    }
}
