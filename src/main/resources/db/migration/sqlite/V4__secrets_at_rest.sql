-- Secrets at rest. The hash key (256 random bits) under which passwords, tokens and access secrets are kept as
-- HMAC-SHA256 hashes, encrypted (AES-256-GCM) under the deployment's master key, which is never stored here.
CREATE TABLE key_material (
  name        TEXT    NOT NULL PRIMARY KEY,
  sealed      TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
);

-- 0: the secrets JSON is plaintext (rows written before this version; the application seals them at its next start,
-- in one transaction); 1: sealed, HMAC keys encrypted and every other secret a keyed hash.
ALTER TABLE credential ADD COLUMN secrets_format INTEGER NOT NULL DEFAULT 0;
