-- No statement looks refresh tokens up by their grant: a family is revoked on
-- its oidc_grants row, which every refresh reads with the token. The index
-- only cost a random leaf page written (and checkpointed) per rotation.
DROP INDEX oidc_refresh_tokens_grant_id;
