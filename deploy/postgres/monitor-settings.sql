-- Failure detection of the pg_auto_failover monitor: the fastest profile measured in
-- postgres-ha.md (0.25 s / 1.5 s / 2 s, keeper 1 s), each health check abandoned after
-- 500 ms (a frozen node) and the demote timeout shortened to 1 s (docs/reliability.md,
-- "Trade-offs"). With it a lost primary is replaced and writes are accepted again within 5 s
-- (docs/reliability.md: 3-4.5 s; 5-7 s with the previous "safe choice" of 0.5 s / 2 s /
-- 3 s and 2 s checks). The price is a shorter tolerance: a primary that answers no
-- health check for ~2 s while its keeper is silent for 1.5 s is failed over. No false
-- failover was seen in the fault runs (writers, subscribers, builds on 2 cores) nor in
-- postgres-ha.md's pgbench runs; a failover costs ~3 s of writes, never data.
-- Applied at every start of run.sh; ALTER SYSTEM persists it.
ALTER SYSTEM SET pgautofailover.health_check_period = '250ms';
ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = '1500ms';
-- A primary cut off from the monitor and its standby demotes itself 1-2 s after it lost them
-- (network_partition_timeout 1 s in keeper-settings, checked once a second); this timeout
-- starts with the failover, itself >= 1.5 s (node_considered_unhealthy_timeout) after the
-- primary went silent, so it has demoted itself before the standby takes writes. (Its
-- commits could not complete meanwhile anyway: its synchronous standby is the one being
-- promoted.) A frozen primary never confirms its demotion, so a hung node always costs this
-- wait; at 1 s it ends before the standby's promotion does (~1 s), at 1.5-2 s it cost one
-- more keeper round (~1 s): docs/reliability.md.
ALTER SYSTEM SET pgautofailover.primary_demote_timeout = '1s';
-- One retry, a quarter second apart, each check abandoned after 500 ms (a frozen node accepts the
-- TCP connection and never answers; a healthy one answers in milliseconds even under load).
ALTER SYSTEM SET pgautofailover.health_check_max_retries = 1;
ALTER SYSTEM SET pgautofailover.health_check_retry_delay = '250ms';
ALTER SYSTEM SET pgautofailover.health_check_timeout = '500ms';
SELECT pg_reload_conf();
