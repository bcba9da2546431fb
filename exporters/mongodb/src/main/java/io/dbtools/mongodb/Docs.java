package io.dbtools.mongodb;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import org.bson.BsonTimestamp;
import org.bson.Document;

/**
 * Reads values out of command replies. Live replies carry BSON types; recorded replies come as JSON
 * that spells timestamps and dates three ways (BSON, extended JSON {@code $timestamp}, and the
 * {@code {"T":..,"I":..}} / ISO-string form of FTDC dumps), so every accessor accepts all of them.
 */
public final class Docs {

    private Docs() {}

    /** The value at a dotted path of keys, or null when any step is missing or not a document. */
    public static Object at(Document doc, String... path) {
        Object v = doc;
        for (String key : path) {
            if (!(v instanceof Document d)) return null;
            v = d.get(key);
        }
        return v;
    }

    /** A number at the path as a double, or null when missing or not numeric. */
    public static Double number(Document doc, String... path) {
        Object v = at(doc, path);
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof Boolean b) return b ? 1.0 : 0.0;
        return null;
    }

    public static Document document(Document doc, String... path) {
        return at(doc, path) instanceof Document d ? d : null;
    }

    public static String string(Document doc, String... path) {
        Object v = at(doc, path);
        return v == null ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    public static List<Document> documents(Document doc, String... path) {
        Object v = at(doc, path);
        if (!(v instanceof List<?> list)) return List.of();
        return (List<Document>) list.stream().filter(Document.class::isInstance).toList();
    }

    /**
     * Seconds since the epoch of a BSON timestamp or date in any of its spellings, or null. A timestamp's
     * increment (ordinal within the second) is dropped: lag and windows are reported in whole seconds.
     */
    public static Double epochSeconds(Object v) {
        if (v instanceof BsonTimestamp ts) return ts.getTime() + 0.0;
        if (v instanceof Date d) return d.getTime() / 1000.0;
        if (v instanceof Document d) {
            if (d.get("$timestamp") instanceof Document t) return number(t, "t");
            if (d.get("T") instanceof Number t) return t.doubleValue();
            if (d.get("$date") != null) return epochSeconds(d.get("$date"));
        }
        if (v instanceof Number n) return n.doubleValue() / 1000.0; // $date as epoch millis
        if (v instanceof String s) {
            try {
                return OffsetDateTime.parse(s).toInstant().toEpochMilli() / 1000.0;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
