-- One row counting admin changes to partners, sites, endpoints and credentials. Every such change increments it in
-- its own transaction, so a node that caches endpoint resolution reads this one row per request and drops its cache
-- when the count moved, whichever node made the change.
CREATE TABLE config_version (
  id       INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  version  INTEGER  NOT NULL
);

INSERT INTO config_version (id, version) VALUES (1, 0);
