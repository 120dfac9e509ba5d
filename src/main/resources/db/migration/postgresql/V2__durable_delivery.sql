-- Durable delivery: endpoint modes and idempotency, delivery scheduling and leases, step progress, rejection counts.
ALTER TABLE endpoint ADD COLUMN mode TEXT NOT NULL DEFAULT 'sync';
ALTER TABLE endpoint ADD COLUMN idempotency_header TEXT;

ALTER TABLE delivery ADD COLUMN next_attempt_at BIGINT;
ALTER TABLE delivery ADD COLUMN lease_owner TEXT;
ALTER TABLE delivery ADD COLUMN lease_until BIGINT;
ALTER TABLE delivery ADD COLUMN completed_steps INTEGER NOT NULL DEFAULT 0;

-- NULL keys are distinct: only deliveries that carry a key are deduplicated.
CREATE UNIQUE INDEX delivery_idempotency ON delivery (endpoint_id, idempotency_key);
CREATE INDEX delivery_due ON delivery (outcome, next_attempt_at);

CREATE TABLE rejection_count (
  endpoint_id  BIGINT PRIMARY KEY REFERENCES endpoint (id),
  total        BIGINT NOT NULL
);
