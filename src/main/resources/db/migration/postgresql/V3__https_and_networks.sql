-- HTTPS and proxies: an endpoint's own require-HTTPS setting (NULL follows the deployment) and its allowed client
-- networks (canonical CIDRs separated by commas; NULL allows any address).
ALTER TABLE endpoint ADD COLUMN require_https BOOLEAN;
ALTER TABLE endpoint ADD COLUMN allowed_networks TEXT;
