-- Imports key rows by NIK or by the source system's own identifier, so that a rerun after a crash
-- or a fix adds what is missing and never duplicates.
ALTER TABLE client ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX client_external ON client(org_id, external_id) WHERE external_id IS NOT NULL;
