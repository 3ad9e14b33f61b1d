-- Not Cinder's: the casts whose handler finished, by _unique_id, kept only in the reliable delivery mode
-- (docs/chaos.md "Delivery modes"), so that a redelivered or re-sent copy is not handled twice, even after the
-- service restarted. Rows older than a day are pruned when a service starts.
CREATE TABLE emulator_rpc_handled (
  unique_id VARCHAR(64) NOT NULL PRIMARY KEY,
  method VARCHAR(64),
  handled_at ${datetime} NOT NULL
)${table_options};
CREATE INDEX emulator_rpc_handled_at_idx ON emulator_rpc_handled (handled_at);
