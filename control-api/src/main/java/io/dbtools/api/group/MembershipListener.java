package io.dbtools.api.group;

import io.dbtools.api.db.Db;
import io.dbtools.tenants.Tenant;
import java.util.List;

/** Told about servers joining or leaving a group (policy deployments follow membership). */
@FunctionalInterface
public interface MembershipListener {

    MembershipListener NONE = (tenant, tx, groupId, added, removed) -> () -> {};

    /** Runs inside the membership change's transaction; the returned work runs after it committed. */
    Runnable changed(Tenant tenant, Db tx, long groupId, List<Long> added, List<Long> removed);
}
