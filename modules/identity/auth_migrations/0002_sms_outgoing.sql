-- Messages for the HTTP SMS gateway, queued by the identity.sms subscriber in
-- the outbox's transaction and sent by SmsDeliveryWorker outside any
-- transaction (a slow gateway never holds the database writer). message_id is
-- the outbox event id, which the gateway de-duplicates on; payload is the
-- event's payload (phone and code sealed by the vault, never plaintext).
CREATE TABLE sms_outgoing (
  message_id TEXT PRIMARY KEY,
  payload TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms BIGINT NOT NULL,
  sent_ms BIGINT,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sms_outgoing_due ON sms_outgoing (sent_ms, next_attempt_ms);
