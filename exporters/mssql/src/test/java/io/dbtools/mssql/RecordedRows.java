package io.dbtools.mssql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetMetaDataImpl;
import javax.sql.rowset.RowSetProvider;

/**
 * Turns recorded DMV rows (fixtures/*.json, *.csv) into a real {@link java.sql.ResultSet}: a JDK
 * {@link CachedRowSet} whose columns carry the SQL types SQL Server declares for them, so collectors read
 * them through the same getString/getDouble/wasNull calls as a driver result. A column the recording lacks
 * is SQL NULL, never an invented value.
 */
public final class RecordedRows {

    /** A column of the collector's query, and which recorded field (if any) holds its value. */
    public record Column(String name, int sqlType, String recordedAs) {
        public static Column of(String name, int sqlType) {
            return new Column(name, sqlType, name);
        }

        public static Column renamed(String name, int sqlType, String recordedAs) {
            return new Column(name, sqlType, recordedAs);
        }

        public static Column absent(String name, int sqlType) {
            return new Column(name, sqlType, null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedRows() {}

    /** Rows of a JSON fixture: a top-level array, or an object with a {@code rows} array. */
    public static List<Map<String, String>> json(String fixture) {
        try (InputStream in = open(fixture)) {
            JsonNode root = JSON.readTree(in);
            JsonNode rows = root.isArray() ? root : root.get("rows");
            List<Map<String, String>> out = new ArrayList<>();
            for (JsonNode row : rows) {
                Map<String, String> m = new LinkedHashMap<>();
                row.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
                out.add(m);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of a CSV fixture with a header line; the recorded values hold no commas or quotes. */
    public static List<Map<String, String>> csv(String fixture) {
        try (InputStream in = open(fixture)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
            String[] header = lines[0].split(",", -1);
            List<Map<String, String>> out = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) continue;
                String[] cells = lines[i].split(",", -1);
                if (cells.length != header.length) throw new IllegalStateException(fixture + " line " + (i + 1) + " has " + cells.length + " cells");
                Map<String, String> m = new LinkedHashMap<>();
                for (int c = 0; c < header.length; c++) m.put(header[c], cells[c]);
                out.add(m);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
                String text = c.recordedAs() == null ? null : row.get(c.recordedAs());
                if (c.recordedAs() != null && !row.containsKey(c.recordedAs())) {
                    throw new IllegalArgumentException("recorded row has no field " + c.recordedAs() + ": " + row.keySet());
                }
                if (text == null) {
                    rs.updateNull(i + 1);
                } else {
                    rs.updateObject(i + 1, typed(text, c.sqlType()));
                }
            }
            rs.insertRow();
            rs.moveToCurrentRow();
        }
        rs.beforeFirst();
        return rs;
    }

    private static Object typed(String text, int sqlType) {
        return switch (sqlType) {
            // Some recordings print whole numbers in exponent form (5.906432e+06); exact conversion rejects fractions.
            case Types.BIGINT -> new BigDecimal(text.strip()).longValueExact();
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> new BigDecimal(text.strip()).intValueExact();
            case Types.BIT, Types.BOOLEAN -> Boolean.parseBoolean(text.strip()) || "1".equals(text.strip());
            case Types.DECIMAL, Types.NUMERIC -> new BigDecimal(text.strip());
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> Double.parseDouble(text.strip());
            default -> text;
        };
    }

    private static InputStream open(String fixture) {
        InputStream in = RecordedRows.class.getResourceAsStream("/fixtures/" + fixture);
        if (in == null) throw new IllegalArgumentException("no fixture " + fixture);
        return in;
    }
}
