-- Local receipt numbers: one counter per kiosk id. day is the yyyyMMdd of the last number handed out.
CREATE TABLE receipt_counter (
    kiosk_id TEXT    NOT NULL PRIMARY KEY,
    day      TEXT    NOT NULL CHECK (length(day) = 8),
    last_seq INTEGER NOT NULL CHECK (last_seq BETWEEN 1 AND 999999)
);
