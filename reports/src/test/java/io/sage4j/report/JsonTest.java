package io.sage4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesEveryKindOfValue() throws Json.ParseException {
        Object v = Json.parse("""
                {"s": "a\\"b\\\\c\\n\\u00e9", "n": -1.5e3, "i": 4294967296, "t": true, "f": false, "z": null,
                 "a": [1, [], {}], "o": {"k": "v"}}""");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals("a\"b\\c\né", m.get("s"));
        assertEquals(-1500.0, m.get("n"));
        assertEquals(4294967296.0, m.get("i"));
        assertEquals(true, m.get("t"));
        assertEquals(false, m.get("f"));
        assertSame(Json.NULL, m.get("z"));
        assertEquals(List.of(1.0, List.of(), Map.of()), m.get("a"));
        assertEquals(Map.of("k", "v"), m.get("o"));
        assertEquals(List.of("s", "n", "i", "t", "f", "z", "a", "o"), List.copyOf(m.keySet()));  // order kept
    }

    @Test
    void errorsSayWhereAndWhat() {
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse("[\n  1,\n  2,\n]"));
        assertEquals(4, e.line());
        assertEquals(1, e.column());
        assertTrue(e.getMessage().contains("unexpected ']'; expected a value"), e.getMessage());

        e = assertThrows(Json.ParseException.class, () -> Json.parse("{\"a\": \"open"));
        assertTrue(e.getMessage().contains("end of file inside a string"), e.getMessage());

        e = assertThrows(Json.ParseException.class, () -> Json.parse("{\"a\": 1, \"a\": 2}"));
        assertTrue(e.getMessage().contains("duplicate member \"a\""), e.getMessage());

        e = assertThrows(Json.ParseException.class, () -> Json.parse("  "));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());

        e = assertThrows(Json.ParseException.class, () -> Json.parse("{} x"));
        assertTrue(e.getMessage().contains("after the end"), e.getMessage());

        e = assertThrows(Json.ParseException.class, () -> Json.parse("[01]"));
        assertTrue(e.getMessage().contains("expected ',' or ']'"), e.getMessage());

        e = assertThrows(Json.ParseException.class, () -> Json.parse("[NaN]"));
        assertTrue(e.getMessage().contains("unexpected 'N'"), e.getMessage());
    }
}
