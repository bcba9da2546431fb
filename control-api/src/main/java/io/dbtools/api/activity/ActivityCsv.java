package io.dbtools.api.activity;

import java.util.List;

/** RFC 4180 CSV of activity entries, for auditors' spreadsheets. */
final class ActivityCsv {

    private ActivityCsv() {}

    static String render(List<ActivityLog.Entry> entries) {
        StringBuilder sb = new StringBuilder("id,at,actor,action,entity_type,entity_id,entity_name,details\r\n");
        for (ActivityLog.Entry e : entries) {
            sb.append(e.id()).append(',')
                    .append(cell(e.at().toString())).append(',')
                    .append(cell(e.actor())).append(',')
                    .append(cell(e.action())).append(',')
                    .append(cell(e.entityType())).append(',')
                    .append(cell(e.entityId())).append(',')
                    .append(cell(e.entityName())).append(',')
                    .append(cell(e.details().toString())).append("\r\n");
        }
        return sb.toString();
    }

    /** Quotes every cell that needs it; a leading = + - @ is prefixed so spreadsheets do not run it as a formula. */
    static String cell(String v) {
        if (v == null) {
            return "";
        }
        String s = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
