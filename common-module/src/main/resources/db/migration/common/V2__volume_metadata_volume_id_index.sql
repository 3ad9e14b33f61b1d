-- Metadata is read and replaced by volume_id (KeyValueTable). MariaDB and H2 index the foreign key
-- column by themselves, PostgreSQL does not: give every dialect the same named index. On MariaDB it
-- takes over from the foreign key's implicit one, which InnoDB then drops.
CREATE INDEX IF NOT EXISTS volume_metadata_volume_id_idx ON volume_metadata (volume_id);
