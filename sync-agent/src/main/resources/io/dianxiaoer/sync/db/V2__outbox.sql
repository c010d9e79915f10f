-- The outbox. Personal data (applicant, form fields, attachment bytes) is only ever stored sealed with
-- AES-GCM (payload, sealed); everything in plain columns is bookkeeping: numbers, states, sizes, times.
CREATE TABLE outbox_submission (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    local_receipt     TEXT    NOT NULL UNIQUE,
    idem_key          TEXT    NOT NULL UNIQUE,
    service_code      TEXT    NOT NULL,
    state             TEXT    NOT NULL CHECK (state IN ('QUEUED', 'ACCEPTED', 'REJECTED', 'PURGED')),
    payload           BLOB,
    payload_bytes     INTEGER NOT NULL,
    attachment_count  INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    attempts          INTEGER NOT NULL DEFAULT 0,
    next_attempt_at   INTEGER NOT NULL,
    last_error        TEXT,
    acceptance_number TEXT,
    accepted_at       INTEGER,
    purged_at         INTEGER
);
CREATE INDEX outbox_due ON outbox_submission (state, next_attempt_at);

CREATE TABLE outbox_attachment (
    submission_id INTEGER NOT NULL REFERENCES outbox_submission (id),
    ordinal       INTEGER NOT NULL,
    upload_id     TEXT    NOT NULL UNIQUE,
    kind          TEXT    NOT NULL,
    content_type  TEXT    NOT NULL,
    length        INTEGER NOT NULL,
    sealed        BLOB,
    uploaded      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (submission_id, ordinal)
);

-- Catalog and configuration as last downloaded, with their ETags.
CREATE TABLE cached_document (
    name       TEXT    NOT NULL PRIMARY KEY,
    etag       TEXT    NOT NULL,
    body       BLOB    NOT NULL,
    fetched_at INTEGER NOT NULL
);
