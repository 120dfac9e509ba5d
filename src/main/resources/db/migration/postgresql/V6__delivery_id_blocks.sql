-- Each node takes delivery ids in blocks from this one row, so that a delivery's id is known before its row is
-- written: a sync delivery is then written once, with its outcome, after its saga ran. The first block starts past
-- every id the identity column ever handed out; from now on every insert names its id.
CREATE TABLE delivery_id_block (
  id       INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  next_id  BIGINT  NOT NULL
);

INSERT INTO delivery_id_block (id, next_id)
SELECT 1, GREATEST(nextval(pg_get_serial_sequence('delivery', 'id')), COALESCE((SELECT MAX(id) FROM delivery), 0) + 1);

ALTER TABLE delivery ALTER COLUMN id DROP IDENTITY;

-- Ids of two nodes' blocks interleave: newest first is by arrival, then id.
DROP INDEX delivery_endpoint_newest;
CREATE INDEX delivery_endpoint_newest ON delivery (endpoint_id, received_at, id);

-- Most deliveries are not pending and carry no idempotency key: keep them out of those two indexes, so that writing
-- one touches fewer pages.
DROP INDEX delivery_due;
CREATE INDEX delivery_due ON delivery (next_attempt_at, id) WHERE outcome = 'pending';
DROP INDEX delivery_idempotency;
CREATE UNIQUE INDEX delivery_idempotency ON delivery (endpoint_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
