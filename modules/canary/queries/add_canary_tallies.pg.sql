INSERT INTO canary_tallies (client_id, events)
SELECT client_id, events FROM unnest($1::text[], $2::bigint[]) AS t(client_id, events)
ON CONFLICT (client_id) DO UPDATE SET events = canary_tallies.events + excluded.events
