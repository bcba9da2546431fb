package io.dbtools.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetMetaDataImpl;
import javax.sql.rowset.RowSetProvider;

/**
 * Turns recorded CockroachDB output (fixtures/cockroachdb/*.json: psql-style tables from the CockroachDB
 * documentation, split into columns and rows) into a real {@link java.sql.ResultSet}: a JDK {@link CachedRowSet}
 * whose columns carry the SQL types CockroachDB declares, so collectors read them through the same
 * getString/getDouble/getBoolean/wasNull calls as a driver result. A column the recording lacks is SQL NULL,
 * never an invented value; {@code NULL} cells are SQL NULL.
 */
public final class RecordedRows {

    /** A column of the collector's query and which recorded field, if any, holds its value. */
    public record Column(String name, int sqlType, String recordedAs, boolean interval) {
        public static Column of(String name, int sqlType) {
            return new Column(name, sqlType, name, false);
        }

        public static Column renamed(String name, int sqlType, String recordedAs) {
            return new Column(name, sqlType, recordedAs, false);
        }

        public static Column absent(String name, int sqlType) {
            return new Column(name, sqlType, null, false);
        }

        /**
         * Seconds, from a recorded INTERVAL printed as {@code [N day[s] ]HH:MM:SS[.ffffff]}: what the collector's
         * SQL gets from {@code EXTRACT(EPOCH FROM interval)}. A unit conversion, not a new value.
         */
        public static Column intervalSeconds(String name, String recordedAs) {
            return new Column(name, Types.DOUBLE, recordedAs, true);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INTERVAL = Pattern.compile("(?:(-?\\d+) days? )?(-?)(\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?)");

    private RecordedRows() {}

    /** The parsed rows of example {@code index} of a docs-examples fixture, checking it is the query the test means. */
    public static List<Map<String, String>> example(String fixture, int index, String queryContains) {
        JsonNode example = read(fixture).get("examples").get(index);
        String query = example.has("query") ? example.get("query").asText() : example.get("command").asText();
        if (!query.contains(queryContains)) {
            throw new IllegalArgumentException(fixture + " example " + index + " is not about " + queryContains + ": " + query);
        }
        JsonNode parsed = example.get("parsed");
        if (parsed == null || parsed.isNull()) throw new IllegalArgumentException(fixture + " example " + index + " has no parsed rows");
        List<String> columns = new ArrayList<>();
        parsed.get("columns").forEach(c -> columns.add(c.asText()));
        List<Map<String, String>> out = new ArrayList<>();
        for (JsonNode row : parsed.get("rows")) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                String cell = row.get(i).asText();
                m.put(columns.get(i), "NULL".equals(cell) ? null : cell);
            }
            out.add(m);
        }
        return out;
    }

    /** Rows a test writes itself, for tables no recording covers: a header and the cells of each row. */
    public static List<Map<String, String>> constructed(String[] header, String[]... rows) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String[] row : rows) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) m.put(header[i], row[i]);
            out.add(m);
        }
        return out;
    }

    public static CachedRowSet resultSet(List<Map<String, String>> rows, Column... columns) throws SQLException {
        CachedRowSet rs = RowSetProvider.newFactory().createCachedRowSet();
        RowSetMetaDataImpl md = new RowSetMetaDataImpl();
        md.setColumnCount(columns.length);
        for (int i = 0; i < columns.length; i++) {
            md.setColumnName(i + 1, columns[i].name());
            md.setColumnLabel(i + 1, columns[i].name());
            md.setColumnType(i + 1, columns[i].sqlType());
            md.setNullable(i + 1, java.sql.ResultSetMetaData.columnNullable);
        }
        rs.setMetaData(md);
        for (Map<String, String> row : rows) {
            rs.moveToInsertRow();
            for (int i = 0; i < columns.length; i++) {
                Column c = columns[i];
                if (c.recordedAs() != null && !row.containsKey(c.recordedAs())) {
                    throw new IllegalArgumentException("recorded row has no field " + c.recordedAs() + ": " + row.keySet());
                }
                String text = c.recordedAs() == null ? null : row.get(c.recordedAs());
                if (text == null) {
                    rs.updateNull(i + 1);
                } else {
                    rs.updateObject(i + 1, c.interval() ? intervalSeconds(text) : typed(text, c.sqlType()));
                }
            }
            rs.insertRow();
            rs.moveToCurrentRow();
        }
        rs.beforeFirst();
        return rs;
    }

    static double intervalSeconds(String text) {
        Matcher m = INTERVAL.matcher(text.strip());
        if (!m.matches()) throw new IllegalArgumentException("not an interval: " + text);
        double days = m.group(1) == null ? 0 : Double.parseDouble(m.group(1));
        double clock = Integer.parseInt(m.group(3)) * 3600 + Integer.parseInt(m.group(4)) * 60 + Double.parseDouble(m.group(5));
        return days * 86400 + ("-".equals(m.group(2)) ? -clock : clock);
    }

    private static Object typed(String text, int sqlType) {
        return switch (sqlType) {
            // CockroachDB prints some whole numbers in exponent form (1.024E+4); exact conversion rejects fractions.
            case Types.BIGINT -> new BigDecimal(text.strip()).longValueExact();
            case Types.INTEGER, Types.SMALLINT -> new BigDecimal(text.strip()).intValueExact();
            case Types.BIT, Types.BOOLEAN -> switch (text.strip()) {
                case "true", "t" -> Boolean.TRUE;
                case "false", "f" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("not a boolean: " + text);
            };
            case Types.DECIMAL, Types.NUMERIC -> new BigDecimal(text.strip());
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> Double.parseDouble(text.strip());
            default -> text;
        };
    }

    private static JsonNode read(String fixture) {
        try (InputStream in = RecordedRows.class.getResourceAsStream("/fixtures/cockroachdb/" + fixture)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + fixture);
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
