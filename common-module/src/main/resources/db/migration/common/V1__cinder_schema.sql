-- Cinder (Zed) tables the emulator uses, with Cinder's column names (cinder/db/sqlalchemy/models.py).
-- Every table carries the soft-delete columns created_at, updated_at, deleted_at, deleted; times are UTC.
-- One file for H2, MariaDB and PostgreSQL: where their SQL differs a Flyway placeholder stands in, filled
-- from Dialect.migrationPlaceholders().
-- Rewritten in place while the emulator is unreleased: a database that an earlier build migrated fails
-- Flyway's checksum check and must be deleted (for the default H2 file: <state dir>/cinder.mv.db).

CREATE TABLE services (
  created_at ${datetime}, updated_at ${datetime}, deleted_at ${datetime}, deleted BOOLEAN NOT NULL DEFAULT FALSE,
  id ${auto_id} PRIMARY KEY,
  uuid VARCHAR(36),
  cluster_name VARCHAR(255),
  host VARCHAR(255),
  ${q}binary${q} VARCHAR(255),
  topic VARCHAR(255),
  report_count INT NOT NULL DEFAULT 0,
  disabled BOOLEAN DEFAULT FALSE,
  availability_zone VARCHAR(255) DEFAULT 'cinder',
  disabled_reason VARCHAR(255),
  modified_at ${datetime},
  rpc_current_version VARCHAR(36),
  object_current_version VARCHAR(36),
  replication_status VARCHAR(36) DEFAULT 'not-capable',
  active_backend_id VARCHAR(255),
  frozen BOOLEAN NOT NULL DEFAULT FALSE
)${table_options};
CREATE INDEX services_host_binary_idx ON services (host, ${q}binary${q});
CREATE UNIQUE INDEX services_uuid_idx ON services (uuid);

CREATE TABLE clusters (
  created_at ${datetime}, updated_at ${datetime}, deleted_at ${datetime}, deleted BOOLEAN NOT NULL DEFAULT FALSE,
  id ${auto_id} PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  ${q}binary${q} VARCHAR(255) NOT NULL,
  disabled BOOLEAN DEFAULT FALSE,
  disabled_reason VARCHAR(255),
  race_preventer INT NOT NULL DEFAULT 0,
  replication_status VARCHAR(36) DEFAULT 'not-capable',
  active_backend_id VARCHAR(255),
  frozen BOOLEAN NOT NULL DEFAULT FALSE,
  CONSTRAINT clusters_name_binary_race_uq UNIQUE (name, ${q}binary${q}, race_preventer)
)${table_options};

CREATE TABLE volume_types (
  created_at ${datetime}, updated_at ${datetime}, deleted_at ${datetime}, deleted BOOLEAN NOT NULL DEFAULT FALSE,
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  name VARCHAR(255),
  qos_specs_id VARCHAR(36),
  is_public BOOLEAN DEFAULT TRUE,
  description VARCHAR(255),
  -- not Cinder's: the name while the type is live, so the database itself keeps live names unique
  live_name VARCHAR(255) GENERATED ALWAYS AS (CASE WHEN deleted THEN NULL ELSE name END)${stored},
  CONSTRAINT volume_types_live_name_uq UNIQUE (live_name)
)${table_options};

CREATE TABLE volume_type_extra_specs (
  created_at ${datetime}, updated_at ${datetime}, deleted_at ${datetime}, deleted BOOLEAN NOT NULL DEFAULT FALSE,
  id ${auto_id} PRIMARY KEY,
  volume_type_id VARCHAR(36) NOT NULL,
  ${q}key${q} VARCHAR(255),
  ${q}value${q} VARCHAR(255),
  CONSTRAINT volume_type_extra_specs_type_fk FOREIGN KEY (volume_type_id) REFERENCES volume_types (id)
)${table_options};

CREATE TABLE volumes (
  created_at ${datetime}, updated_at ${datetime}, deleted_at ${datetime}, deleted BOOLEAN NOT NULL DEFAULT FALSE,
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  _name_id VARCHAR(36),
  ec2_id VARCHAR(255),
  user_id VARCHAR(255),
  project_id VARCHAR(255),
  snapshot_id VARCHAR(36),
  cluster_name VARCHAR(255),
  host VARCHAR(255),
  size INT,
  availability_zone VARCHAR(255),
  status VARCHAR(255),
  attach_status VARCHAR(255),
  migration_status VARCHAR(255),
  scheduled_at ${datetime},
  launched_at ${datetime},
  terminated_at ${datetime},
  display_name VARCHAR(255),
  display_description VARCHAR(255),
  provider_location VARCHAR(256),
  provider_auth VARCHAR(256),
  provider_geometry VARCHAR(255),
  provider_id VARCHAR(255),
  volume_type_id VARCHAR(36) NOT NULL,
  source_volid VARCHAR(36),
  encryption_key_id VARCHAR(36),
  consistencygroup_id VARCHAR(36),
  group_id VARCHAR(36),
  bootable BOOLEAN DEFAULT FALSE,
  multiattach BOOLEAN DEFAULT FALSE,
  replication_status VARCHAR(255),
  replication_extended_status VARCHAR(255),
  replication_driver_data VARCHAR(255),
  previous_status VARCHAR(255),
  service_uuid VARCHAR(36),
  shared_targets BOOLEAN DEFAULT TRUE,
  use_quota BOOLEAN NOT NULL DEFAULT TRUE,
  CONSTRAINT volumes_volume_type_fk FOREIGN KEY (volume_type_id) REFERENCES volume_types (id)
)${table_options};
CREATE INDEX volumes_host_idx ON volumes (host);
CREATE INDEX volumes_cluster_name_idx ON volumes (cluster_name);
CREATE INDEX volumes_project_id_idx ON volumes (project_id);
CREATE INDEX volumes_service_uuid_idx ON volumes (service_uuid, deleted);

CREATE TABLE volume_metadata (
  created_at ${datetime}, updated_at ${datetime}, deleted_at ${datetime}, deleted BOOLEAN NOT NULL DEFAULT FALSE,
  id ${auto_id} PRIMARY KEY,
  ${q}key${q} VARCHAR(255),
  ${q}value${q} VARCHAR(255),
  volume_id VARCHAR(36) NOT NULL,
  CONSTRAINT volume_metadata_volume_fk FOREIGN KEY (volume_id) REFERENCES volumes (id)
)${table_options};

CREATE TABLE volume_admin_metadata (
  created_at ${datetime}, updated_at ${datetime}, deleted_at ${datetime}, deleted BOOLEAN NOT NULL DEFAULT FALSE,
  id ${auto_id} PRIMARY KEY,
  ${q}key${q} VARCHAR(255),
  ${q}value${q} VARCHAR(255),
  volume_id VARCHAR(36) NOT NULL,
  CONSTRAINT volume_admin_metadata_volume_fk FOREIGN KEY (volume_id) REFERENCES volumes (id)
)${table_options};

CREATE TABLE backups (
  created_at ${datetime}, updated_at ${datetime}, deleted_at ${datetime}, deleted BOOLEAN NOT NULL DEFAULT FALSE,
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  volume_id VARCHAR(36) NOT NULL,
  user_id VARCHAR(255),
  project_id VARCHAR(255),
  host VARCHAR(255),
  availability_zone VARCHAR(255),
  display_name VARCHAR(255),
  display_description VARCHAR(255),
  container VARCHAR(255),
  parent_id VARCHAR(36),
  status VARCHAR(255),
  fail_reason VARCHAR(255),
  service_metadata VARCHAR(255),
  service VARCHAR(255),
  size INT,
  object_count INT,
  temp_volume_id VARCHAR(36),
  temp_snapshot_id VARCHAR(36),
  num_dependent_backups INT,
  snapshot_id VARCHAR(36),
  data_timestamp ${datetime},
  restore_volume_id VARCHAR(36),
  encryption_key_id VARCHAR(36)
)${table_options};
CREATE INDEX backups_host_idx ON backups (host);
CREATE INDEX backups_project_id_idx ON backups (project_id);

CREATE TABLE backup_metadata (
  created_at ${datetime}, updated_at ${datetime}, deleted_at ${datetime}, deleted BOOLEAN NOT NULL DEFAULT FALSE,
  id ${auto_id} PRIMARY KEY,
  backup_id VARCHAR(36) NOT NULL,
  ${q}key${q} VARCHAR(255),
  ${q}value${q} VARCHAR(255),
  CONSTRAINT backup_metadata_backup_fk FOREIGN KEY (backup_id) REFERENCES backups (id)
)${table_options};

CREATE TABLE workers (
  created_at ${datetime}, updated_at ${datetime}, deleted_at ${datetime}, deleted BOOLEAN NOT NULL DEFAULT FALSE,
  id ${auto_id} PRIMARY KEY,
  resource_type VARCHAR(40) NOT NULL,
  resource_id VARCHAR(36) NOT NULL,
  status VARCHAR(255) NOT NULL,
  service_id INT,
  race_preventer INT NOT NULL DEFAULT 0,
  CONSTRAINT workers_resource_uq UNIQUE (resource_type, resource_id),
  CONSTRAINT workers_service_fk FOREIGN KEY (service_id) REFERENCES services (id)
)${table_options};

CREATE TABLE quotas (
  created_at ${datetime}, updated_at ${datetime}, deleted_at ${datetime}, deleted BOOLEAN NOT NULL DEFAULT FALSE,
  id ${auto_id} PRIMARY KEY,
  project_id VARCHAR(255),
  resource VARCHAR(255) NOT NULL,
  hard_limit INT,
  allocated INT DEFAULT 0,
  CONSTRAINT quotas_project_resource_uq UNIQUE (project_id, resource)
)${table_options};

CREATE TABLE quota_usages (
  created_at ${datetime}, updated_at ${datetime}, deleted_at ${datetime}, deleted BOOLEAN NOT NULL DEFAULT FALSE,
  id ${auto_id} PRIMARY KEY,
  project_id VARCHAR(255),
  resource VARCHAR(255),
  in_use INT NOT NULL DEFAULT 0,
  reserved INT NOT NULL DEFAULT 0,
  until_refresh INT,
  race_preventer BOOLEAN,
  CONSTRAINT quota_usages_project_resource_uq UNIQUE (project_id, resource)
)${table_options};

CREATE TABLE messages (
  created_at ${datetime}, updated_at ${datetime}, deleted_at ${datetime}, deleted BOOLEAN NOT NULL DEFAULT FALSE,
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255) NOT NULL,
  request_id VARCHAR(255),
  resource_type VARCHAR(255),
  resource_uuid VARCHAR(255),
  event_id VARCHAR(255) NOT NULL,
  detail_id VARCHAR(10),
  message_level VARCHAR(255) NOT NULL,
  expires_at ${datetime}
)${table_options};
CREATE INDEX messages_project_id_idx ON messages (project_id);

-- Cinder's db sync creates the default type with a fresh uuid; default_volume_type names it
INSERT INTO volume_types (created_at, deleted, id, name, is_public, description)
VALUES (${utc_now}, FALSE, ${new_uuid}, '__DEFAULT__', TRUE, 'Default Volume Type');
