SELECT events FROM canary_tallies WHERE client_id = $1
