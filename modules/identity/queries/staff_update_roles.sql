UPDATE staff SET roles = $2, updated_at = $3 WHERE id = $1
