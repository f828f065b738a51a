-- A deleted event now closes its registrations with EVENT_WITHDRAWN, as one that became RESERVED
-- does (V14 said EVENT_CANCELLED). Both leave the registrant's view, and the reason must not tell
-- an uncleared registrant which of the two happened: that would reveal that a reserved event
-- exists. EVENT_CANCELLED stays for an event cancelled in the open, which its registrants still see.
CREATE OR REPLACE FUNCTION hub_close_registrations() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    reason text;
    subject uuid;
BEGIN
    IF TG_OP = 'DELETE' THEN
        reason := 'EVENT_WITHDRAWN';
        subject := OLD.id;
    ELSIF NEW.reserved AND NOT OLD.reserved THEN
        reason := 'EVENT_WITHDRAWN';
        subject := NEW.id;
    ELSIF NEW.status = 'CANCELLED' AND OLD.status <> 'CANCELLED' THEN
        reason := 'EVENT_CANCELLED';
        subject := NEW.id;
    ELSE
        RETURN NULL;
    END IF;
    UPDATE registration_event SET accepting = false, closed_reason = reason, updated_at = now()
     WHERE id = subject AND (accepting OR closed_reason = 'CLOSED');
    UPDATE registration SET status = 'CANCELLED', cancel_reason = reason, updated_at = now()
     WHERE event_id = subject AND status <> 'CANCELLED';
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;   -- a BEFORE DELETE trigger that returned null would cancel the deletion
    END IF;
    RETURN NULL;
END $$;
