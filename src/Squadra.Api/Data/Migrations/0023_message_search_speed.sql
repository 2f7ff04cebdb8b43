-- Search at a million messages (issue 20 item 3, docs/benchmarks.md "Search under load").
-- The newest messages first: a common word is found by walking back from now (SearchStore ranks the newest matches),
-- not by reading a posting list of a fifth of all messages. Timestamps only grow, so inserts touch the right-most page.
CREATE INDEX messages_created_at ON messages (created_at);
-- Without the pending list a search never scans unsorted recent entries, and no post pays for flushing the list
-- (4 MB of them) while it holds its team's row; each insert updates the index itself instead, a dozen words.
ALTER INDEX messages_search_idx SET (fastupdate = off);
