-- Size of every database the monitoring role may connect to. pg_database_size() walks the
-- database's directory, so the collector runs on its own, slower interval.
SELECT datname, pg_database_size(oid) AS bytes,
       age(datfrozenxid) AS frozen_xid_age, mxid_age(datminmxid) AS frozen_mxid_age, datconnlimit
FROM pg_database
WHERE NOT datistemplate AND datallowconn
  AND has_database_privilege(oid, 'CONNECT')
