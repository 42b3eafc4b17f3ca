UPDATE staff SET status = $2, updated_at = $3 WHERE id = $1
