-- Pushback core schema (PostgreSQL). Times are epoch milliseconds; JSON is stored as text.
CREATE TABLE partner (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug        TEXT   NOT NULL UNIQUE,
  name        TEXT   NOT NULL,
  created_at  BIGINT NOT NULL
);

CREATE TABLE site (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  partner_id  BIGINT NOT NULL REFERENCES partner (id),
  slug        TEXT   NOT NULL,
  name        TEXT   NOT NULL,
  created_at  BIGINT NOT NULL,
  UNIQUE (partner_id, slug)
);

CREATE TABLE endpoint (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  partner_id         BIGINT  NOT NULL REFERENCES partner (id),
  site_id            BIGINT  REFERENCES site (id),
  name               TEXT    NOT NULL,
  endpoint_key       TEXT    NOT NULL UNIQUE,
  saga               TEXT    NOT NULL,
  saga_settings      TEXT    NOT NULL,
  security_method    TEXT    NOT NULL,
  security_settings  TEXT    NOT NULL,
  enabled            BOOLEAN NOT NULL,
  max_body_bytes     BIGINT,
  created_at         BIGINT  NOT NULL,
  updated_at         BIGINT  NOT NULL,
  deleted_at         BIGINT
);
-- A name is unique within its owner among endpoints that are not deleted; keys stay unique forever.
CREATE UNIQUE INDEX endpoint_partner_name ON endpoint (partner_id, name) WHERE site_id IS NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX endpoint_site_name ON endpoint (site_id, name) WHERE site_id IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE credential (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  endpoint_id  BIGINT NOT NULL REFERENCES endpoint (id),
  secrets      TEXT   NOT NULL,
  created_at   BIGINT NOT NULL,
  not_after    BIGINT
);
CREATE INDEX credential_endpoint ON credential (endpoint_id);

CREATE TABLE delivery (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  endpoint_id      BIGINT  NOT NULL REFERENCES endpoint (id),
  site_id          BIGINT  REFERENCES site (id),
  received_at      BIGINT  NOT NULL,
  remote_address   TEXT    NOT NULL,
  outcome          TEXT    NOT NULL,
  reason           TEXT,
  status           INTEGER,
  headers          TEXT    NOT NULL,
  content_type     TEXT,
  body             BYTEA,
  body_size        BIGINT  NOT NULL,
  parameters       TEXT,
  saga_result      TEXT,
  attempts         INTEGER NOT NULL,
  idempotency_key  TEXT,
  updated_at       BIGINT  NOT NULL
);
CREATE INDEX delivery_endpoint_newest ON delivery (endpoint_id, id);
