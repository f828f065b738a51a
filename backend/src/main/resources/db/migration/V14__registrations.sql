-- Registrations for open events (issue 12, item 4): civil-society organisations register people for
-- an OPEN workshop, seminar or consultation task; a meeting (another branch) will be the second kind
-- of event.
--
-- registration_event holds an event's registration settings. Its id IS the id of its parent (the
-- task today), so the API names an event by its task's ID and the registrations of a task are the
-- rows with event_id = the task's id (one keyset statement per level). Exactly one parent column is
-- set: when meetings arrive, a nullable meeting_id column joins task_id and the check becomes
-- num_nonnulls(task_id, meeting_id) = 1 AND id = coalesce(task_id, meeting_id).
--
-- Visibility is not `reserved` here:
--  * the settings are exactly as visible as their event (the policy asks the task's own policy);
--  * a registration is personal data of its organisation: it stays visible to that organisation
--    (and to the roles that see every registration) even when its event becomes RESERVED, so it
--    does not cascade `reserved`. It stores no title or other content of its event: a viewer who may
--    not see the event reads the registration with a null event.
-- The connection setting hub.registrants says whose registrations a caller may see: '*' (ppt,
-- government, st-crm, st-rrocm), the caller's organisation codes separated by commas (civil
-- society), or '' (observers, no one). It is set next to hub.clearance by ClearanceConnectionFactory.

CREATE TABLE registration_event (
    id                      uuid PRIMARY KEY,
    task_id                 uuid UNIQUE REFERENCES task (id) ON DELETE CASCADE,
    capacity                int  NOT NULL CHECK (capacity BETWEEN 1 AND 100000),
    deadline                timestamptz NOT NULL,
    seats_per_organisation  int CHECK (seats_per_organisation BETWEEN 1 AND 100000),
    -- false once closed by hand (CLOSED) or by the event (EVENT_CANCELLED, EVENT_WITHDRAWN)
    accepting               boolean NOT NULL DEFAULT true,
    closed_reason           text CHECK (closed_reason IN ('CLOSED', 'EVENT_CANCELLED', 'EVENT_WITHDRAWN')),
    created_by              text NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT registration_event_one_parent CHECK (task_id IS NOT NULL AND id = task_id),
    CONSTRAINT registration_event_closed CHECK (accepting = (closed_reason IS NULL))
);

CREATE TABLE registration (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- the order of registration: the waiting list is promoted in this order
    seq              bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    -- null once the event itself is deleted (the registration then reads as EVENT_CANCELLED)
    event_id         uuid REFERENCES registration_event (id) ON DELETE SET NULL,
    -- which parent table event_id names (the meeting branch adds 'meeting')
    event_type       text NOT NULL DEFAULT 'task' CHECK (event_type IN ('task')),
    organisation_id  uuid NOT NULL REFERENCES organisation (id),
    person_name      text NOT NULL CHECK (length(person_name) BETWEEN 1 AND 200),
    person_email     text NOT NULL CHECK (length(person_email) BETWEEN 3 AND 254),
    person_role      text CHECK (length(person_role) <= 200),
    status           text NOT NULL CHECK (status IN ('CONFIRMED', 'WAITLISTED', 'CANCELLED')),
    cancel_reason    text CHECK (cancel_reason IN ('CANCELLED_BY_ORGANISATION', 'EVENT_CANCELLED', 'EVENT_WITHDRAWN')),
    demo             boolean NOT NULL DEFAULT false,
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT registration_cancel_reason CHECK ((status = 'CANCELLED') = (cancel_reason IS NOT NULL))
);
CREATE INDEX registration_event_order ON registration (event_id, seq, id);
CREATE INDEX registration_organisation_order ON registration (organisation_id, seq, id);
-- a person holds one live registration per event and organisation (per organisation, so that a
-- refusal never tells one organisation whom another registered)
CREATE UNIQUE INDEX registration_person_once ON registration (event_id, organisation_id, lower(person_email))
    WHERE status <> 'CANCELLED';

-- Whose registrations the caller may see (hub.registrants, above).
CREATE FUNCTION hub_may_see_registrants(org uuid) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE current_setting('hub.registrants', true)
               WHEN '*' THEN true
               WHEN '' THEN false
               ELSE coalesce(org IN (SELECT o.id FROM organisation o
                                     WHERE o.code = ANY (string_to_array(current_setting('hub.registrants', true), ','))),
                             false)
           END
$$;

ALTER TABLE registration_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE registration ENABLE ROW LEVEL SECURITY;
-- settings are visible when their task is (the subquery is itself filtered by the task's policy)
CREATE POLICY visible ON registration_event USING (EXISTS (SELECT 1 FROM task t WHERE t.id = task_id))
    WITH CHECK (EXISTS (SELECT 1 FROM task t WHERE t.id = task_id));
CREATE POLICY visible ON registration USING (hub_may_see_registrants(organisation_id))
    WITH CHECK (hub_may_see_registrants(organisation_id));

-- Seats taken and the waiting list's length, per visible event. Counting must see every
-- organisation's rows, which the caller's policy hides from civil society: the count runs with the
-- owner's rights, returns numbers only, and only for events whose task the caller may see.
CREATE FUNCTION hub_registration_counts(events uuid[]) RETURNS TABLE (event_id uuid, confirmed bigint, waiting bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT e.id,
           (SELECT count(*) FROM registration r WHERE r.event_id = e.id AND r.status = 'CONFIRMED'),
           (SELECT count(*) FROM registration r WHERE r.event_id = e.id AND r.status = 'WAITLISTED')
      FROM registration_event e JOIN task t ON t.id = e.task_id
     WHERE e.id = ANY (events) AND hub_may_see(t.reserved)
$$;

-- The position on its event's waiting list of each WAITLISTED registration the caller may see.
CREATE FUNCTION hub_waiting_positions(ids uuid[]) RETURNS TABLE (id uuid, waiting_position bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT r.id,
           (SELECT count(*) FROM registration w WHERE w.event_id = r.event_id AND w.status = 'WAITLISTED' AND w.seq <= r.seq)
      FROM registration r
     WHERE r.id = ANY (ids) AND r.status = 'WAITLISTED' AND hub_may_see_registrants(r.organisation_id)
$$;

-- Fills free seats from the waiting list, oldest first, skipping an organisation that already holds
-- its seats per organisation. The caller holds the event's row locked (FOR UPDATE). Runs with the
-- owner's rights (it moves other organisations' rows), for an event the caller may see.
CREATE FUNCTION hub_promote_waiting(event uuid) RETURNS int
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    settings  registration_event%ROWTYPE;
    taken     bigint;
    promoted  int := 0;
    candidate record;
BEGIN
    SELECT e.* INTO settings FROM registration_event e JOIN task t ON t.id = e.task_id
     WHERE e.id = event AND hub_may_see(t.reserved);
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    SELECT count(*) INTO taken FROM registration WHERE event_id = event AND status = 'CONFIRMED';
    FOR candidate IN SELECT r.id, r.organisation_id FROM registration r
                      WHERE r.event_id = event AND r.status = 'WAITLISTED' ORDER BY r.seq LOOP
        EXIT WHEN taken >= settings.capacity;
        IF settings.seats_per_organisation IS NULL OR (SELECT count(*) FROM registration o WHERE o.event_id = event
                AND o.organisation_id = candidate.organisation_id AND o.status = 'CONFIRMED') < settings.seats_per_organisation THEN
            UPDATE registration SET status = 'CONFIRMED', updated_at = now() WHERE id = candidate.id;
            taken := taken + 1;
            promoted := promoted + 1;
        END IF;
    END LOOP;
    RETURN promoted;
END $$;

-- An event that is cancelled, becomes effectively RESERVED (itself, its workstream or its plan) or
-- is deleted closes its registrations: every live registration becomes CANCELLED with the reason.
-- A trigger, so that every path (updateTask, setVisibility on any ancestor, the cascade) does it.
CREATE FUNCTION hub_close_registrations() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    reason text;
    subject uuid;
BEGIN
    IF TG_OP = 'DELETE' THEN
        reason := 'EVENT_CANCELLED';
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

CREATE TRIGGER task_close_registrations AFTER UPDATE ON task
    FOR EACH ROW WHEN ((NEW.reserved AND NOT OLD.reserved) OR (NEW.status = 'CANCELLED' AND OLD.status <> 'CANCELLED'))
    EXECUTE FUNCTION hub_close_registrations();
CREATE TRIGGER task_delete_closes_registrations BEFORE DELETE ON task
    FOR EACH ROW EXECUTE FUNCTION hub_close_registrations();

GRANT SELECT, INSERT, UPDATE ON registration_event TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON registration TO ${appRole};
