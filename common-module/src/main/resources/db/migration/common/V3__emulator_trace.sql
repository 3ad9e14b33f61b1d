-- Not Cinder's: the hops of `cinder-emu trace` (docs/tracing.md). Every service appends one row per message it
-- publishes and one per message it consumes (written once the handler finished), in small batches off the RPC
-- path; the CLI joins both sides by _unique_id. Old rows are pruned by emulator_trace_retention_hours.
CREATE TABLE emulator_trace_hops (
  id ${auto_id} PRIMARY KEY,
  request_id VARCHAR(64),
  resource_id VARCHAR(36),
  side VARCHAR(8) NOT NULL,
  kind VARCHAR(8) NOT NULL,
  method VARCHAR(64),
  version VARCHAR(16),
  ${q}exchange${q} VARCHAR(255),
  routing_key VARCHAR(255),
  queue VARCHAR(255),
  unique_id VARCHAR(64),
  msg_id VARCHAR(64),
  service_binary VARCHAR(64),
  service_host VARCHAR(255),
  at_time ${datetime} NOT NULL,
  finished_at ${datetime},
  outcome VARCHAR(16),
  span_id VARCHAR(32),
  parent_span_id VARCHAR(32)
)${table_options};
CREATE INDEX emulator_trace_hops_request_idx ON emulator_trace_hops (request_id);
CREATE INDEX emulator_trace_hops_resource_idx ON emulator_trace_hops (resource_id);
CREATE INDEX emulator_trace_hops_msg_idx ON emulator_trace_hops (msg_id);
CREATE INDEX emulator_trace_hops_at_idx ON emulator_trace_hops (at_time);

-- The status compare-and-sets of volumes and backups, with the request that made them.
CREATE TABLE emulator_trace_status (
  id ${auto_id} PRIMARY KEY,
  request_id VARCHAR(64),
  resource_type VARCHAR(16) NOT NULL,
  resource_id VARCHAR(36) NOT NULL,
  from_status VARCHAR(255),
  to_status VARCHAR(255) NOT NULL,
  service_binary VARCHAR(64),
  service_host VARCHAR(255),
  at_time ${datetime} NOT NULL
)${table_options};
CREATE INDEX emulator_trace_status_request_idx ON emulator_trace_status (request_id);
CREATE INDEX emulator_trace_status_resource_idx ON emulator_trace_status (resource_id);
CREATE INDEX emulator_trace_status_at_idx ON emulator_trace_status (at_time);
