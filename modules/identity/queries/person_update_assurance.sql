UPDATE persons SET assurance_level = $2, assurance_verified_by = $3, assurance_verified_at = $4, updated_at = $4 WHERE id = $1
