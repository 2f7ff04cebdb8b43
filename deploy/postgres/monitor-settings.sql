-- Failure detection of the pg_auto_failover monitor: the fastest profile measured in
-- postgres-ha.md (0.25 s / 1.5 s / 2 s, keeper 1 s), each health check abandoned after
-- 1 s. With it a lost primary is replaced and writes are accepted again within 5 s
-- (docs/reliability.md: 3-4.5 s; 5-7 s with the previous "safe choice" of 0.5 s / 2 s /
-- 3 s and 2 s checks). The price is a shorter tolerance: a primary that answers no
-- health check for ~2 s while its keeper is silent for 1.5 s is failed over. No false
-- failover was seen in the fault runs (writers, subscribers, builds on 2 cores) nor in
-- postgres-ha.md's pgbench runs; a failover costs ~3 s of writes, never data.
-- Applied at every start of run.sh; ALTER SYSTEM persists it.
ALTER SYSTEM SET pgautofailover.health_check_period = '250ms';
ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = '1500ms';
-- Longer than the keeper's network_partition_timeout (keeper-settings): a primary cut
-- off from the monitor and its standby has demoted itself before the standby is promoted.
ALTER SYSTEM SET pgautofailover.primary_demote_timeout = '2s';
-- One retry, a quarter second apart, each check abandoned after 1 s (a frozen node).
ALTER SYSTEM SET pgautofailover.health_check_max_retries = 1;
ALTER SYSTEM SET pgautofailover.health_check_retry_delay = '250ms';
ALTER SYSTEM SET pgautofailover.health_check_timeout = '1s';
SELECT pg_reload_conf();
