-- Failure detection of the pg_auto_failover monitor: the "safe choice" measured
-- in postgres-ha.md (kill -9 of a node: failover in ~5 s, instead of ~50 s with the
-- defaults). Applied at every start of run.sh; ALTER SYSTEM persists it.
ALTER SYSTEM SET pgautofailover.health_check_period = '500ms';
ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = '2s';
ALTER SYSTEM SET pgautofailover.primary_demote_timeout = '3s';
-- One retry, half a second apart, each check abandoned after 2 s (a frozen node).
ALTER SYSTEM SET pgautofailover.health_check_max_retries = 1;
ALTER SYSTEM SET pgautofailover.health_check_retry_delay = '500ms';
ALTER SYSTEM SET pgautofailover.health_check_timeout = '2s';
SELECT pg_reload_conf();
