-- Intake schema, SQLite dialect. Keep in step with db/postgresql/V1__intake_schema.sql: same tables,
-- same columns, same constraints; only the type names differ (BLOB/BYTEA, INTEGER/BIGINT).

-- Resumable attachment uploads (tus-like). upload_offset = bytes received and stored in upload_chunk.
CREATE TABLE upload (
    kiosk_id      TEXT    NOT NULL,
    upload_id     TEXT    NOT NULL,
    length        INTEGER NOT NULL CHECK (length >= 0),
    sha256        TEXT    NOT NULL,
    content_type  TEXT    NOT NULL,
    upload_offset INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL,
    completed_at  TEXT,
    PRIMARY KEY (kiosk_id, upload_id)
);

CREATE TABLE upload_chunk (
    kiosk_id     TEXT    NOT NULL,
    upload_id    TEXT    NOT NULL,
    chunk_offset INTEGER NOT NULL,
    data         BLOB    NOT NULL,
    PRIMARY KEY (kiosk_id, upload_id, chunk_offset)
);

-- One row per Idempotency-Key of a kiosk: IN_FLIGHT while a request with it is processed, DONE with the stored answer.
CREATE TABLE idempotency (
    kiosk_id      TEXT    NOT NULL,
    idem_key      TEXT    NOT NULL,
    request_hash  TEXT    NOT NULL,
    state         TEXT    NOT NULL CHECK (state IN ('IN_FLIGHT', 'DONE')),
    status_code   INTEGER,
    response_body TEXT,
    locked_at     INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    PRIMARY KEY (kiosk_id, idem_key)
);

-- Acceptance numbers (受理号): one counter per day.
CREATE TABLE acceptance_counter (
    day      TEXT    NOT NULL PRIMARY KEY,
    last_seq INTEGER NOT NULL
);

CREATE TABLE submission (
    acceptance_number   TEXT NOT NULL PRIMARY KEY,
    kiosk_id            TEXT NOT NULL,
    local_receipt       TEXT NOT NULL,
    idem_key            TEXT NOT NULL,
    service_code        TEXT NOT NULL,
    applicant_name      TEXT NOT NULL,
    applicant_id_number TEXT NOT NULL,
    fields_json         TEXT NOT NULL,
    status              TEXT NOT NULL,
    accepted_at         TEXT NOT NULL
);
-- Not unique on purpose: exactly-once is the idempotency key's job, and tests count duplicates here.
CREATE INDEX submission_by_receipt ON submission (kiosk_id, local_receipt);

CREATE TABLE submission_attachment (
    acceptance_number TEXT    NOT NULL,
    ordinal           INTEGER NOT NULL,
    upload_id         TEXT    NOT NULL,
    kind              TEXT    NOT NULL,
    PRIMARY KEY (acceptance_number, ordinal)
);

CREATE TABLE rating (
    acceptance_number TEXT    NOT NULL PRIMARY KEY,
    kiosk_id          TEXT    NOT NULL,
    score             INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    handler           TEXT,
    comment           TEXT,
    rated_at          TEXT    NOT NULL
);

CREATE TABLE heartbeat (
    kiosk_id    TEXT    NOT NULL PRIMARY KEY,
    version     TEXT    NOT NULL,
    queue_depth INTEGER NOT NULL,
    devices     TEXT    NOT NULL,
    received_at TEXT    NOT NULL
);
