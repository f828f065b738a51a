-- Revoked grants (issue 10): a member deactivated, or whose role changed, through the hub. Every
-- token of the subject issued before not_before is refused by every instance, at once: on each
-- HTTP request, on each new WebSocket, and the subject's open live streams close
-- (security/Revocations). A revocation is announced with NOTIFY; each instance also reads the
-- table when it starts and now and then, in case a notification was lost.
CREATE TABLE token_revocation (
    subject    text        PRIMARY KEY,   -- the token's sub: the identity server's user ID
    not_before timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION announce_token_revocation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('hub_revocations', NEW.subject);
    RETURN NEW;
END
$$;

CREATE TRIGGER token_revocation_announced AFTER INSERT OR UPDATE ON token_revocation
    FOR EACH ROW EXECUTE FUNCTION announce_token_revocation();

GRANT SELECT, INSERT, UPDATE, DELETE ON token_revocation TO ${appRole};
