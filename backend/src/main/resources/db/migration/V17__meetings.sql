-- Meetings (issue 12): the meetings a work plan holds, with their agenda, the catalogue decisions
-- and the tasks they take up, their minutes and the decisions they reach. A meeting belongs to a
-- work plan, so it is reserved when it or its plan is RESERVED, exactly like a workstream; its
-- agenda, its links and the decisions it reaches follow it (a decision reached in a reserved
-- meeting is reserved too). Its changes go to the plan's event log, like tasks and resources.

CREATE TABLE meeting (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    work_plan_id         uuid NOT NULL REFERENCES work_plan (id) ON DELETE CASCADE,
    kind                 text NOT NULL CHECK (kind IN ('VIRTUAL', 'IN_PERSON')),
    title                text NOT NULL,
    starts_at            timestamptz NOT NULL,
    ends_at              timestamptz NOT NULL,
    time_zone            text NOT NULL,
    venue                text,
    link                 text,
    host_organisation_id uuid REFERENCES organisation (id),
    -- the task of kind MEETING that plans it, if any; a task plans at most one meeting
    task_id              uuid UNIQUE REFERENCES task (id) ON DELETE SET NULL,
    status               text NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'HELD', 'CANCELLED')),
    minutes              text,
    minutes_recorded_at  timestamptz,
    minutes_recorded_by  text,
    visibility           text NOT NULL DEFAULT 'OPEN' CHECK (visibility IN ('OPEN', 'RESERVED')),
    reserved             boolean NOT NULL DEFAULT false,
    version              int  NOT NULL DEFAULT 1,
    created_by           text NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT meeting_ends_after_start CHECK (ends_at >= starts_at)
);
-- the plan's meetings by start (the list's one ordering), for cleared and uncleared viewers (V8)
CREATE INDEX meeting_work_plan ON meeting (work_plan_id, starts_at, id) INCLUDE (reserved);
CREATE INDEX meeting_work_plan_open ON meeting (work_plan_id, starts_at, id) INCLUDE (reserved) WHERE NOT reserved;

-- The agenda, in order.
CREATE TABLE meeting_agenda_item (
    meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position   int  NOT NULL,
    title      text NOT NULL,
    reserved   boolean NOT NULL DEFAULT false,
    PRIMARY KEY (meeting_id, position)
);

-- Catalogue decisions the meeting takes up.
CREATE TABLE meeting_linked_decision (
    meeting_id  uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    decision_id uuid NOT NULL REFERENCES decision (id),
    reserved    boolean NOT NULL DEFAULT false,
    PRIMARY KEY (meeting_id, decision_id)
);

-- Tasks of the plan the meeting takes up. The link is as reserved as the meeting; a reserved task
-- behind an open meeting's link stays hidden by the task's own reservation.
CREATE TABLE meeting_linked_task (
    meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    task_id    uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    reserved   boolean NOT NULL DEFAULT false,
    PRIMARY KEY (meeting_id, task_id)
);
CREATE INDEX meeting_linked_task_task ON meeting_linked_task (task_id);

-- The decisions a meeting reached, recorded with its minutes: items of their own (a government
-- may reserve one of an open meeting), reserved whenever their meeting is.
CREATE TABLE meeting_decision (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position   int  NOT NULL,
    text       text NOT NULL,
    visibility text NOT NULL DEFAULT 'OPEN' CHECK (visibility IN ('OPEN', 'RESERVED')),
    reserved   boolean NOT NULL DEFAULT false,
    version    int  NOT NULL DEFAULT 1,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
-- no unique position: minutes recorded again by st-rrocm replace only the decisions it can see,
-- and a reserved one keeps its place (read in order of position, then creation)
CREATE INDEX meeting_decision_meeting ON meeting_decision (meeting_id, position, created_at, id);

-- The parent lookup (hub_item_reserved, V15) accepts every table with a visibility of its own:
-- meeting and meeting_decision among them.

CREATE FUNCTION meeting_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := NEW.visibility = 'RESERVED' OR hub_item_reserved('work_plan', NEW.work_plan_id,
        TG_OP = 'INSERT' OR OLD.work_plan_id IS DISTINCT FROM NEW.work_plan_id);
    RETURN NEW;
END $$;

CREATE FUNCTION meeting_decision_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := NEW.visibility = 'RESERVED' OR hub_item_reserved('meeting', NEW.meeting_id,
        TG_OP = 'INSERT' OR OLD.meeting_id IS DISTINCT FROM NEW.meeting_id);
    RETURN NEW;
END $$;

-- The agenda and the links are exactly as reserved as their meeting (one function per table:
-- RowLevelSecurityTest finds each by its trigger's name).
CREATE FUNCTION meeting_agenda_item_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := hub_item_reserved('meeting', NEW.meeting_id,
        TG_OP = 'INSERT' OR OLD.meeting_id IS DISTINCT FROM NEW.meeting_id);
    RETURN NEW;
END $$;
CREATE FUNCTION meeting_linked_decision_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := hub_item_reserved('meeting', NEW.meeting_id,
        TG_OP = 'INSERT' OR OLD.meeting_id IS DISTINCT FROM NEW.meeting_id);
    RETURN NEW;
END $$;
CREATE FUNCTION meeting_linked_task_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := hub_item_reserved('meeting', NEW.meeting_id,
        TG_OP = 'INSERT' OR OLD.meeting_id IS DISTINCT FROM NEW.meeting_id);
    RETURN NEW;
END $$;

CREATE TRIGGER meeting_derive_reserved BEFORE INSERT OR UPDATE ON meeting
    FOR EACH ROW EXECUTE FUNCTION meeting_derive_reserved();

-- A meeting that becomes reserved while its planning task stays open lets go of the task: a task
-- plans at most one meeting (task_id is unique), and an open task held by a hidden meeting would
-- tell an uncleared user that the meeting exists (linking that task elsewhere would be refused).
-- MeetingService refuses to make the link the other way round.
CREATE FUNCTION meeting_release_open_task() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.reserved AND NEW.task_id IS NOT NULL AND NOT hub_item_reserved('task', NEW.task_id, false) THEN
        NEW.task_id := NULL;
    END IF;
    RETURN NEW;
END $$;
-- after meeting_derive_reserved (triggers of one event fire in name order)
CREATE TRIGGER meeting_release_open_task BEFORE INSERT OR UPDATE ON meeting
    FOR EACH ROW EXECUTE FUNCTION meeting_release_open_task();
CREATE TRIGGER meeting_agenda_item_derive_reserved BEFORE INSERT OR UPDATE ON meeting_agenda_item
    FOR EACH ROW EXECUTE FUNCTION meeting_agenda_item_derive_reserved();
CREATE TRIGGER meeting_linked_decision_derive_reserved BEFORE INSERT OR UPDATE ON meeting_linked_decision
    FOR EACH ROW EXECUTE FUNCTION meeting_linked_decision_derive_reserved();
CREATE TRIGGER meeting_linked_task_derive_reserved BEFORE INSERT OR UPDATE ON meeting_linked_task
    FOR EACH ROW EXECUTE FUNCTION meeting_linked_task_derive_reserved();
CREATE TRIGGER meeting_decision_derive_reserved BEFORE INSERT OR UPDATE ON meeting_decision
    FOR EACH ROW EXECUTE FUNCTION meeting_decision_derive_reserved();

-- The cascade passes a plan's reclassification to its meetings, and a meeting's to what it owns
-- (same body as V13, two more cases).
CREATE OR REPLACE FUNCTION hub_cascade_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    CASE TG_TABLE_NAME
        WHEN 'work_plan' THEN
            UPDATE workstream SET reserved = reserved WHERE work_plan_id = NEW.id
                AND reserved <> (visibility = 'RESERVED' OR NEW.reserved);
            UPDATE resource SET reserved = reserved WHERE work_plan_id = NEW.id AND task_id IS NULL
                AND reserved <> (visibility = 'RESERVED' OR NEW.reserved);
            UPDATE meeting SET reserved = reserved WHERE work_plan_id = NEW.id
                AND reserved <> (visibility = 'RESERVED' OR NEW.reserved);
        WHEN 'workstream' THEN
            UPDATE task SET reserved = reserved WHERE workstream_id = NEW.id
                AND reserved <> (visibility = 'RESERVED' OR NEW.reserved);
        WHEN 'task' THEN
            UPDATE resource SET reserved = reserved WHERE task_id = NEW.id
                AND reserved <> (visibility = 'RESERVED' OR NEW.reserved);
            UPDATE indicator SET reserved = reserved WHERE task_id = NEW.id
                AND reserved <> (visibility = 'RESERVED' OR NEW.reserved);
            UPDATE progress_report SET reserved = reserved WHERE task_id = NEW.id
                AND reserved <> (visibility = 'RESERVED' OR NEW.reserved);
        WHEN 'indicator' THEN
            UPDATE indicator_period SET reserved = reserved WHERE indicator_id = NEW.id
                AND reserved <> NEW.reserved;
        WHEN 'contribution' THEN
            UPDATE contribution_payment SET reserved = reserved WHERE contribution_id = NEW.id
                AND reserved <> NEW.reserved;
        WHEN 'meeting' THEN
            UPDATE meeting_agenda_item SET reserved = reserved WHERE meeting_id = NEW.id AND reserved <> NEW.reserved;
            UPDATE meeting_linked_decision SET reserved = reserved WHERE meeting_id = NEW.id AND reserved <> NEW.reserved;
            UPDATE meeting_linked_task SET reserved = reserved WHERE meeting_id = NEW.id AND reserved <> NEW.reserved;
            UPDATE meeting_decision SET reserved = reserved WHERE meeting_id = NEW.id
                AND reserved <> (visibility = 'RESERVED' OR NEW.reserved);
        ELSE
            NULL;
    END CASE;
    UPDATE comment SET reserved = reserved WHERE subject_id = NEW.id
        AND reserved <> (visibility = 'RESERVED' OR NEW.reserved);
    UPDATE audit_entry SET reserved = NEW.reserved WHERE subject_id = NEW.id AND reserved <> NEW.reserved;
    RETURN NULL;
END $$;

CREATE TRIGGER meeting_cascade_reserved AFTER UPDATE ON meeting
    FOR EACH ROW WHEN (OLD.reserved IS DISTINCT FROM NEW.reserved) EXECUTE FUNCTION hub_cascade_reserved();
CREATE TRIGGER meeting_decision_cascade_reserved AFTER UPDATE ON meeting_decision
    FOR EACH ROW WHEN (OLD.reserved IS DISTINCT FROM NEW.reserved) EXECUTE FUNCTION hub_cascade_reserved();
CREATE TRIGGER meeting_delete_comments AFTER DELETE ON meeting FOR EACH ROW EXECUTE FUNCTION hub_delete_comments();
-- Reached decisions take no comments; the clean-up is there so that every item table has it (V6).
CREATE TRIGGER meeting_decision_delete_comments AFTER DELETE ON meeting_decision
    FOR EACH ROW EXECUTE FUNCTION hub_delete_comments();

-- Everyone who may read a meeting may comment on it.
ALTER TABLE comment DROP CONSTRAINT comment_subject_type_check;
ALTER TABLE comment ADD CONSTRAINT comment_subject_type_check
    CHECK (subject_type IN ('work_plan', 'workstream', 'task', 'resource', 'indicator', 'progress_report', 'meeting'));

-- The work plan of a meeting, for its comments' events (same body as V11, one more case).
CREATE OR REPLACE FUNCTION hub_work_plan_of(item_type text, item_id uuid) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT CASE item_type
        WHEN 'work_plan' THEN item_id
        WHEN 'workstream' THEN (SELECT work_plan_id FROM workstream WHERE id = item_id)
        WHEN 'task' THEN (SELECT work_plan_id FROM task WHERE id = item_id)
        WHEN 'resource' THEN (SELECT work_plan_id FROM resource WHERE id = item_id)
        WHEN 'indicator' THEN (SELECT t.work_plan_id FROM indicator i JOIN task t ON t.id = i.task_id WHERE i.id = item_id)
        WHEN 'progress_report' THEN (SELECT t.work_plan_id FROM progress_report p JOIN task t ON t.id = p.task_id WHERE p.id = item_id)
        WHEN 'meeting' THEN (SELECT work_plan_id FROM meeting WHERE id = item_id)
    END
$$;

-- A meeting's changes reach the plan's subscribers through the event log (V5).
-- The item types other migrations allow are kept: 'meeting' is added to them.
DO $$
DECLARE
    def text;
BEGIN
    SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
        WHERE conrelid = 'change_event'::regclass AND conname = 'change_event_item_type_check';
    EXECUTE 'ALTER TABLE change_event DROP CONSTRAINT change_event_item_type_check';
    EXECUTE 'ALTER TABLE change_event ADD CONSTRAINT change_event_item_type_check '
        || replace(def, 'ARRAY[', 'ARRAY[''meeting''::text, ');
END $$;
CREATE TRIGGER meeting_record_change AFTER INSERT OR UPDATE OR DELETE ON meeting
    FOR EACH ROW EXECUTE FUNCTION hub_record_change();

ALTER TABLE meeting ENABLE ROW LEVEL SECURITY;
ALTER TABLE meeting_agenda_item ENABLE ROW LEVEL SECURITY;
ALTER TABLE meeting_linked_decision ENABLE ROW LEVEL SECURITY;
ALTER TABLE meeting_linked_task ENABLE ROW LEVEL SECURITY;
ALTER TABLE meeting_decision ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON meeting USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));
CREATE POLICY visible ON meeting_agenda_item USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));
CREATE POLICY visible ON meeting_linked_decision USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));
CREATE POLICY visible ON meeting_linked_task USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));
CREATE POLICY visible ON meeting_decision USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));

GRANT SELECT, INSERT, UPDATE, DELETE ON meeting, meeting_agenda_item, meeting_linked_decision, meeting_linked_task,
    meeting_decision TO ${appRole};

-- Registrations (V14) for OPEN meetings: a meeting is the second kind of event. Its settings row
-- names it in meeting_id; everything else (counts, promotion, closing when the meeting is
-- cancelled, reserved or deleted) works as for tasks.
ALTER TABLE registration_event ADD COLUMN meeting_id uuid UNIQUE REFERENCES meeting (id) ON DELETE CASCADE;
ALTER TABLE registration_event DROP CONSTRAINT registration_event_one_parent;
ALTER TABLE registration_event ADD CONSTRAINT registration_event_one_parent
    CHECK (num_nonnulls(task_id, meeting_id) = 1 AND id = coalesce(task_id, meeting_id));
ALTER TABLE registration DROP CONSTRAINT registration_event_type_check;
ALTER TABLE registration ADD CONSTRAINT registration_event_type_check CHECK (event_type IN ('task', 'meeting'));

-- settings are visible when their event is (each subquery is filtered by its table's own policy)
DROP POLICY visible ON registration_event;
CREATE POLICY visible ON registration_event
    USING (EXISTS (SELECT 1 FROM task t WHERE t.id = task_id) OR EXISTS (SELECT 1 FROM meeting m WHERE m.id = meeting_id))
    WITH CHECK (EXISTS (SELECT 1 FROM task t WHERE t.id = task_id) OR EXISTS (SELECT 1 FROM meeting m WHERE m.id = meeting_id));

-- Same bodies as V14, with the event's reservation read from its task or its meeting.
CREATE OR REPLACE FUNCTION hub_registration_counts(events uuid[]) RETURNS TABLE (event_id uuid, confirmed bigint, waiting bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT e.id,
           (SELECT count(*) FROM registration r WHERE r.event_id = e.id AND r.status = 'CONFIRMED'),
           (SELECT count(*) FROM registration r WHERE r.event_id = e.id AND r.status = 'WAITLISTED')
      FROM registration_event e LEFT JOIN task t ON t.id = e.task_id LEFT JOIN meeting m ON m.id = e.meeting_id
     WHERE e.id = ANY (events) AND hub_may_see(coalesce(t.reserved, m.reserved))
$$;

CREATE OR REPLACE FUNCTION hub_promote_waiting(event uuid) RETURNS int
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    settings  registration_event%ROWTYPE;
    taken     bigint;
    promoted  int := 0;
    candidate record;
BEGIN
    SELECT e.* INTO settings FROM registration_event e LEFT JOIN task t ON t.id = e.task_id
           LEFT JOIN meeting m ON m.id = e.meeting_id
     WHERE e.id = event AND hub_may_see(coalesce(t.reserved, m.reserved));
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

-- A meeting that is cancelled, becomes effectively RESERVED or is deleted closes its registrations (V14's rule).
CREATE TRIGGER meeting_close_registrations AFTER UPDATE ON meeting
    FOR EACH ROW WHEN ((NEW.reserved AND NOT OLD.reserved) OR (NEW.status = 'CANCELLED' AND OLD.status <> 'CANCELLED'))
    EXECUTE FUNCTION hub_close_registrations();
CREATE TRIGGER meeting_delete_closes_registrations BEFORE DELETE ON meeting
    FOR EACH ROW EXECUTE FUNCTION hub_close_registrations();
