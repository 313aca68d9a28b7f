-- API tokens expire: expires_at is the instant (UTC, ISO 8601) from which the token is refused.
-- Tokens created before this migration keep NULL: they do not expire until revoked.
ALTER TABLE api_token ADD COLUMN expires_at TEXT;
