SELECT enterprise_id FROM delegation_represented_enterprises WHERE person_id = $1 ORDER BY enterprise_id
