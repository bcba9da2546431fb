package io.dbtools.plugin;

import java.util.Map;

/**
 * What a server said it is.
 *
 * @param flavor the engine as detected, which may differ from the declared one
 *     (a {@code postgres} target that turns out to be CockroachDB)
 * @param extra engine-specific facts exposed as labels of {@code dbtools_server_info}
 */
public record ServerInfo(String flavor, Version version, String versionText, String edition, Map<String, String> extra) {

    public ServerInfo {
        extra = Map.copyOf(extra);
    }

    public boolean atLeast(int major) {
        return version.major() >= major;
    }

    public boolean atLeast(int major, int minor) {
        return version.compareTo(new Version(major, minor, 0)) >= 0;
    }
}
