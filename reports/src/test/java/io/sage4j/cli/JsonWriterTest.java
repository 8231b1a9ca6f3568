package io.sage4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\"", JsonWriter.quote("a\"b\\c"));
        assertEquals("\"\\n\\r\\t\\b\\f\"", JsonWriter.quote("\n\r\t\b\f"));
        assertEquals("\"\\u0000\\u001f\\u007f\"", JsonWriter.quote("\u0000\u001f\u007f"));
        assertEquals("\"\\u2028\\u2029\"", JsonWriter.quote("\u2028\u2029"));
        assertEquals("\"#  e4m3 ≤ 448 / é\"", JsonWriter.quote("#  e4m3 ≤ 448 / é"));
    }

    @Test
    void keepsSurrogatePairsAndEscapesLoneSurrogates() {
        String emoji = new String(Character.toChars(0x1F600));
        assertEquals("\"" + emoji + "\"", JsonWriter.quote(emoji));
        assertEquals("\"\\ud800x\\udc00\"", JsonWriter.quote("\ud800x\udc00"));
    }

    @Test
    void writtenDocumentParsesBackToTheSameValues() {
        String nasty = "tab\there \"quoted\" back\\slash \u0001 line\nbreak";
        String json = new JsonWriter().beginObject()
                .member("s", nasty)
                .member("n", 4_294_967_296L)
                .member("d", 7.25)
                .member("nan", Double.NaN)
                .member("ok", true)
                .name("nothing").value((String) null)
                .name("empty").beginArray().endArray()
                .name("list").beginArray().value("a").value(1).beginObject().member("k", "v").endObject().endArray()
                .endObject().toJson();
        Object parsed = MiniJson.parse(json);
        Map<?, ?> m = (Map<?, ?>) parsed;
        assertEquals(nasty, m.get("s"));
        assertEquals(4_294_967_296L, m.get("n"));
        assertEquals(7.25, m.get("d"));
        assertEquals(null, m.get("nan"));
        assertEquals(true, m.get("ok"));
        assertEquals(List.of(), m.get("empty"));
        assertEquals(List.of("a", 1L, Map.of("k", "v")), m.get("list"));
    }

    @Test
    void prettyPrintsWithTwoSpaceIndentation() {
        String json = new JsonWriter().beginObject()
                .member("mismatches", 0)
                .name("examples").beginArray().endArray()
                .name("xs").beginArray().value(1).value(2).endArray()
                .endObject().toJson();
        assertEquals("{\n  \"mismatches\": 0,\n  \"examples\": [],\n  \"xs\": [\n    1,\n    2\n  ]\n}\n", json);
    }

    @Test
    void rejectsMisuse() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value("no name"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("x"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().endArray());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().toJson());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1).value(2));
    }
}
