SELECT hash FROM auth_passwords WHERE subject_id = $1
