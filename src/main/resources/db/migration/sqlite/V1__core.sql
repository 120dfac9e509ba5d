-- Pushback core schema (SQLite). Times are epoch milliseconds; JSON is stored as text.
CREATE TABLE partner (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  slug        TEXT    NOT NULL UNIQUE,
  name        TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
);

CREATE TABLE site (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  partner_id  INTEGER NOT NULL REFERENCES partner (id),
  slug        TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  UNIQUE (partner_id, slug)
);

CREATE TABLE endpoint (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  partner_id         INTEGER NOT NULL REFERENCES partner (id),
  site_id            INTEGER REFERENCES site (id),
  name               TEXT    NOT NULL,
  endpoint_key       TEXT    NOT NULL UNIQUE,
  saga               TEXT    NOT NULL,
  saga_settings      TEXT    NOT NULL,
  security_method    TEXT    NOT NULL,
  security_settings  TEXT    NOT NULL,
  enabled            INTEGER NOT NULL,
  max_body_bytes     INTEGER,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  deleted_at         INTEGER
);
-- A name is unique within its owner among endpoints that are not deleted; keys stay unique forever.
CREATE UNIQUE INDEX endpoint_partner_name ON endpoint (partner_id, name) WHERE site_id IS NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX endpoint_site_name ON endpoint (site_id, name) WHERE site_id IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE credential (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint_id  INTEGER NOT NULL REFERENCES endpoint (id),
  secrets      TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  not_after    INTEGER
);
CREATE INDEX credential_endpoint ON credential (endpoint_id);

CREATE TABLE delivery (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint_id      INTEGER NOT NULL REFERENCES endpoint (id),
  site_id          INTEGER REFERENCES site (id),
  received_at      INTEGER NOT NULL,
  remote_address   TEXT    NOT NULL,
  outcome          TEXT    NOT NULL,
  reason           TEXT,
  status           INTEGER,
  headers          TEXT    NOT NULL,
  content_type     TEXT,
  body             BLOB,
  body_size        INTEGER NOT NULL,
  parameters       TEXT,
  saga_result      TEXT,
  attempts         INTEGER NOT NULL,
  idempotency_key  TEXT,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX delivery_endpoint_newest ON delivery (endpoint_id, id);
