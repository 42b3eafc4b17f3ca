UPDATE delegation_grants SET status = 'revoked', revoked_at = $2, revoked_by = $3 WHERE grant_id = $1 AND status = 'active'
