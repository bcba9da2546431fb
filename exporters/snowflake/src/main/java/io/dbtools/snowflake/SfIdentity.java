package io.dbtools.snowflake;

import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Version;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the release and the session's role and warehouse; these functions need no running warehouse. */
final class SfIdentity {

    static final String SQL = "SELECT CURRENT_VERSION(), CURRENT_ROLE(), CURRENT_WAREHOUSE()";

    private SfIdentity() {}

    /** Pure, so the mapping is testable without an account. {@code warehouse} is null when none is usable. */
    static ServerInfo from(String version, String role, String warehouse) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("role", role == null ? "" : role);
        extra.put("warehouse", warehouse == null ? "" : warehouse);
        return new ServerInfo("snowflake", Version.parse(version), version.strip(), "", extra);
    }
}
