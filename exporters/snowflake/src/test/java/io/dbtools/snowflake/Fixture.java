package io.dbtools.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
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
 * One recorded view (see fixtures/SOURCES.md): its column list and the aggregate rows DataDog recorded, turned
 * into a real {@link ResultSet} ({@link CachedRowSet}) shaped like a collector's own query result.
 */
public final class Fixture {

    private final JsonNode root;

    private Fixture(JsonNode root) {
        this.root = root;
    }

    public static Fixture of(String view) {
        try (InputStream in = Fixture.class.getResourceAsStream("fixtures/" + view + ".json")) {
            if (in == null) throw new IllegalArgumentException("no fixture " + view);
            return new Fixture(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Column name → Snowflake type, as recorded for the view. */
    public Map<String, String> columns() {
        Map<String, String> out = new LinkedHashMap<>();
        root.get("columns").forEach(c -> out.put(c.get("name").asText(), c.get("type").asText()));
        return out;
    }

    /** The recorded aggregate rows as column → value (numbers as the recorded decimal text). */
    public List<Map<String, String>> recordedRows() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (JsonNode sample : root.get("aggregated_query_samples")) {
            List<String> names = new ArrayList<>();
            sample.get("result_columns").forEach(n -> names.add(n.asText()));
            for (JsonNode row : sample.get("rows")) {
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    values.put(names.get(i), row.get(i).isNull() ? null : row.get(i).asText());
                }
                rows.add(values);
            }
        }
        return rows;
    }

    /** A recorded value as a number, for expectations that follow from the recording. */
    public double recorded(int row, String column) {
        return new BigDecimal(recordedRows().get(row).get(column)).doubleValue();
    }

    /**
     * The recorded rows under a collector's column aliases. {@code aliases} maps each result column of the
     * collector's query to the recorded column holding its value, or to null when nothing was recorded
     * (SQL NULL). Text columns are VARCHAR, the rest DECIMAL, as the driver reports Snowflake NUMBER.
     */
    public ResultSet resultSet(Map<String, String> aliases, List<String> textColumns) throws SQLException {
        List<String> names = new ArrayList<>(aliases.keySet());
        List<List<String>> values = new ArrayList<>();
        for (Map<String, String> row : recordedRows()) {
            List<String> v = new ArrayList<>();
            for (String name : names) {
                String source = aliases.get(name);
                v.add(source == null ? null : row.get(source));
            }
            values.add(v);
        }
        return table(names, textColumns, values);
    }

    /** Ordered alias → recorded column pairs; a null recorded column means "not recorded" (SQL NULL). */
    public static Map<String, String> columns(String... aliasThenRecorded) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < aliasThenRecorded.length; i += 2) m.put(aliasThenRecorded[i], aliasThenRecorded[i + 1]);
        return m;
    }

    /** A result set with the given columns and rows (text values; null is SQL NULL; non-text columns DECIMAL). */
    public static ResultSet table(List<String> names, List<String> textColumns, List<List<String>> rows) throws SQLException {
        CachedRowSet rs = RowSetProvider.newFactory().createCachedRowSet();
        RowSetMetaDataImpl md = new RowSetMetaDataImpl();
        md.setColumnCount(names.size());
        for (int i = 0; i < names.size(); i++) {
            md.setColumnName(i + 1, names.get(i));
            md.setColumnLabel(i + 1, names.get(i));
            md.setColumnType(i + 1, textColumns.contains(names.get(i)) ? Types.VARCHAR : Types.DECIMAL);
            md.setNullable(i + 1, java.sql.ResultSetMetaData.columnNullable);
        }
        rs.setMetaData(md);
        for (List<String> row : rows) {
            rs.moveToInsertRow();
            for (int i = 0; i < names.size(); i++) {
                String value = row.get(i);
                if (value == null) rs.updateNull(i + 1);
                else if (textColumns.contains(names.get(i))) rs.updateString(i + 1, value);
                else rs.updateBigDecimal(i + 1, new BigDecimal(value));
            }
            rs.insertRow();
            rs.moveToCurrentRow();
        }
        rs.beforeFirst();
        return rs;
    }

    /** An empty result with the given columns, for views with no recorded rows. */
    public static ResultSet empty(List<String> columns) throws SQLException {
        return table(columns, List.of(), List.of());
    }
}
