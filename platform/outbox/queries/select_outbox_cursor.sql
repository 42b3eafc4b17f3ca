SELECT last_id, attempts FROM outbox_cursors WHERE subscriber = $1
