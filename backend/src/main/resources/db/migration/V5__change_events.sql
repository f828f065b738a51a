-- The durable event log of live changes to tasks and resources. Triggers write one row per
-- change in the changing transaction itself (cascaded reclassifications included), and NOTIFY
-- wakes the instances with the new position; the live layer reads only this table.
--
-- Positions must become visible in order, or a reader that resumes "after position N" could skip
-- an event whose transaction commits late. So a transaction takes a transaction-level advisory
-- lock before its first event: event-writing transactions commit one after the other (they are
-- short), and a deadlock that this may cause is retried by the application.

CREATE TABLE change_event (
    position        bigserial PRIMARY KEY,
    work_plan_id    uuid NOT NULL,
    item_type       text NOT NULL CHECK (item_type IN ('task', 'resource')),
    item_id         uuid NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('CREATED', 'UPDATED', 'DELETED')),
    reserved_before boolean,           -- null for CREATED
    reserved_after  boolean,           -- null for DELETED
    at              timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX change_event_plan ON change_event (work_plan_id, position);

-- Lock id of the event log's writers (any fixed number, unique to this purpose).
CREATE FUNCTION hub_record_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    new_position bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(7310022);
    IF TG_OP = 'INSERT' THEN
        INSERT INTO change_event (work_plan_id, item_type, item_id, kind, reserved_before, reserved_after)
        VALUES (NEW.work_plan_id, TG_TABLE_NAME, NEW.id, 'CREATED', NULL, NEW.reserved) RETURNING position INTO new_position;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO change_event (work_plan_id, item_type, item_id, kind, reserved_before, reserved_after)
        VALUES (NEW.work_plan_id, TG_TABLE_NAME, NEW.id, 'UPDATED', OLD.reserved, NEW.reserved) RETURNING position INTO new_position;
    ELSE
        INSERT INTO change_event (work_plan_id, item_type, item_id, kind, reserved_before, reserved_after)
        VALUES (OLD.work_plan_id, TG_TABLE_NAME, OLD.id, 'DELETED', OLD.reserved, NULL) RETURNING position INTO new_position;
    END IF;
    PERFORM pg_notify('hub_changes', new_position::text);
    RETURN NULL;
END $$;

CREATE TRIGGER task_record_change AFTER INSERT OR UPDATE OR DELETE ON task
    FOR EACH ROW EXECUTE FUNCTION hub_record_change();
CREATE TRIGGER resource_record_change AFTER INSERT OR UPDATE OR DELETE ON resource
    FOR EACH ROW EXECUTE FUNCTION hub_record_change();

-- The API role reads the log (the live layer checks each event's visibility before delivery);
-- only the triggers write it.
GRANT SELECT ON change_event TO ${appRole};
