-- The inheritance rule of the visibility policy, kept by the database itself:
--   an item is effectively reserved when it, or any ancestor, is RESERVED
--   (work plan → workstream → task → indicator / progress report / resource, and comments on any).
--
-- Each table's BEFORE trigger derives NEW.reserved from NEW.visibility and the parent's `reserved`;
-- each table's AFTER trigger pushes a change of `reserved` down to the children, whose own BEFORE
-- triggers carry it further. Doing this in the database (not in each feature's service) means no
-- write path can forget it, and the reclassification is part of the same transaction.
--
-- Races: a new child locks its parent FOR SHARE, so a concurrent reclassification of the parent
-- either waits for the child's transaction (and then its cascade sees the child) or runs first
-- (and the child then reads the reclassified parent). An update that keeps the parent needs no
-- lock: the parent's cascade UPDATE re-checks the child's newest row version.

-- `reserved` of the item `item_id` in table `item_type` (NULL when there is no such item).
CREATE FUNCTION hub_item_reserved(item_type text, item_id uuid, lock_it boolean) RETURNS boolean
    LANGUAGE plpgsql AS $$
DECLARE
    result boolean;
BEGIN
    IF item_type NOT IN ('work_plan', 'workstream', 'task', 'resource', 'indicator', 'progress_report', 'comment') THEN
        RAISE EXCEPTION 'not a reservable item type: %', item_type;
    END IF;
    IF lock_it THEN
        EXECUTE format('SELECT reserved FROM %I WHERE id = $1 FOR SHARE', item_type) INTO result USING item_id;
    ELSE
        EXECUTE format('SELECT reserved FROM %I WHERE id = $1', item_type) INTO result USING item_id;
    END IF;
    RETURN result;
END $$;

-- Derivation (BEFORE INSERT OR UPDATE) ---------------------------------------------------------

CREATE FUNCTION work_plan_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := NEW.visibility = 'RESERVED';
    RETURN NEW;
END $$;

CREATE FUNCTION workstream_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := NEW.visibility = 'RESERVED' OR hub_item_reserved('work_plan', NEW.work_plan_id,
        TG_OP = 'INSERT' OR OLD.work_plan_id IS DISTINCT FROM NEW.work_plan_id);
    RETURN NEW;
END $$;

CREATE FUNCTION task_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := NEW.visibility = 'RESERVED' OR hub_item_reserved('workstream', NEW.workstream_id,
        TG_OP = 'INSERT' OR OLD.workstream_id IS DISTINCT FROM NEW.workstream_id);
    RETURN NEW;
END $$;

CREATE FUNCTION resource_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    moved boolean := TG_OP = 'INSERT' OR OLD.task_id IS DISTINCT FROM NEW.task_id
                     OR OLD.work_plan_id IS DISTINCT FROM NEW.work_plan_id;
BEGIN
    IF NEW.task_id IS NULL THEN
        NEW.reserved := NEW.visibility = 'RESERVED' OR hub_item_reserved('work_plan', NEW.work_plan_id, moved);
    ELSE
        NEW.reserved := NEW.visibility = 'RESERVED' OR hub_item_reserved('task', NEW.task_id, moved);
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION indicator_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := NEW.visibility = 'RESERVED' OR hub_item_reserved('task', NEW.task_id,
        TG_OP = 'INSERT' OR OLD.task_id IS DISTINCT FROM NEW.task_id);
    RETURN NEW;
END $$;

CREATE FUNCTION indicator_period_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := hub_item_reserved('indicator', NEW.indicator_id,
        TG_OP = 'INSERT' OR OLD.indicator_id IS DISTINCT FROM NEW.indicator_id);
    RETURN NEW;
END $$;

CREATE FUNCTION progress_report_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := NEW.visibility = 'RESERVED' OR hub_item_reserved('task', NEW.task_id,
        TG_OP = 'INSERT' OR OLD.task_id IS DISTINCT FROM NEW.task_id);
    RETURN NEW;
END $$;

CREATE FUNCTION comment_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    subject_reserved boolean := hub_item_reserved(NEW.subject_type, NEW.subject_id,
        TG_OP = 'INSERT' OR OLD.subject_id IS DISTINCT FROM NEW.subject_id);
BEGIN
    IF subject_reserved IS NULL THEN
        RAISE EXCEPTION 'comment subject % % does not exist', NEW.subject_type, NEW.subject_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    NEW.reserved := NEW.visibility = 'RESERVED' OR subject_reserved;
    RETURN NEW;
END $$;

-- An audit entry is exactly as reserved as its subject; for a deleted subject it keeps the
-- flag it was written with (the subject's last state).
CREATE FUNCTION audit_entry_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := coalesce(hub_item_reserved(NEW.subject_type, NEW.subject_id, false), NEW.reserved);
    RETURN NEW;
END $$;

CREATE TRIGGER work_plan_derive_reserved BEFORE INSERT OR UPDATE ON work_plan
    FOR EACH ROW EXECUTE FUNCTION work_plan_derive_reserved();
CREATE TRIGGER workstream_derive_reserved BEFORE INSERT OR UPDATE ON workstream
    FOR EACH ROW EXECUTE FUNCTION workstream_derive_reserved();
CREATE TRIGGER task_derive_reserved BEFORE INSERT OR UPDATE ON task
    FOR EACH ROW EXECUTE FUNCTION task_derive_reserved();
CREATE TRIGGER resource_derive_reserved BEFORE INSERT OR UPDATE ON resource
    FOR EACH ROW EXECUTE FUNCTION resource_derive_reserved();
CREATE TRIGGER indicator_derive_reserved BEFORE INSERT OR UPDATE ON indicator
    FOR EACH ROW EXECUTE FUNCTION indicator_derive_reserved();
CREATE TRIGGER indicator_period_derive_reserved BEFORE INSERT OR UPDATE ON indicator_period
    FOR EACH ROW EXECUTE FUNCTION indicator_period_derive_reserved();
CREATE TRIGGER progress_report_derive_reserved BEFORE INSERT OR UPDATE ON progress_report
    FOR EACH ROW EXECUTE FUNCTION progress_report_derive_reserved();
CREATE TRIGGER comment_derive_reserved BEFORE INSERT OR UPDATE ON comment
    FOR EACH ROW EXECUTE FUNCTION comment_derive_reserved();
CREATE TRIGGER audit_entry_derive_reserved BEFORE INSERT ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_derive_reserved();

-- Cascade (AFTER UPDATE, only when `reserved` changed) -------------------------------------------
-- Each statement re-derives the children; their BEFORE triggers apply the rule, their AFTER
-- triggers go one level further down. The WHERE clauses only skip rows that would not change.

CREATE FUNCTION hub_cascade_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    CASE TG_TABLE_NAME
        WHEN 'work_plan' THEN
            UPDATE workstream SET reserved = reserved WHERE work_plan_id = NEW.id
                AND reserved <> (visibility = 'RESERVED' OR NEW.reserved);
            UPDATE resource SET reserved = reserved WHERE work_plan_id = NEW.id AND task_id IS NULL
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
        ELSE
            NULL;
    END CASE;
    UPDATE comment SET reserved = reserved WHERE subject_id = NEW.id
        AND reserved <> (visibility = 'RESERVED' OR NEW.reserved);
    UPDATE audit_entry SET reserved = NEW.reserved WHERE subject_id = NEW.id AND reserved <> NEW.reserved;
    RETURN NULL;
END $$;

CREATE TRIGGER work_plan_cascade_reserved AFTER UPDATE ON work_plan
    FOR EACH ROW WHEN (OLD.reserved IS DISTINCT FROM NEW.reserved) EXECUTE FUNCTION hub_cascade_reserved();
CREATE TRIGGER workstream_cascade_reserved AFTER UPDATE ON workstream
    FOR EACH ROW WHEN (OLD.reserved IS DISTINCT FROM NEW.reserved) EXECUTE FUNCTION hub_cascade_reserved();
CREATE TRIGGER task_cascade_reserved AFTER UPDATE ON task
    FOR EACH ROW WHEN (OLD.reserved IS DISTINCT FROM NEW.reserved) EXECUTE FUNCTION hub_cascade_reserved();
CREATE TRIGGER resource_cascade_reserved AFTER UPDATE ON resource
    FOR EACH ROW WHEN (OLD.reserved IS DISTINCT FROM NEW.reserved) EXECUTE FUNCTION hub_cascade_reserved();
CREATE TRIGGER indicator_cascade_reserved AFTER UPDATE ON indicator
    FOR EACH ROW WHEN (OLD.reserved IS DISTINCT FROM NEW.reserved) EXECUTE FUNCTION hub_cascade_reserved();
CREATE TRIGGER progress_report_cascade_reserved AFTER UPDATE ON progress_report
    FOR EACH ROW WHEN (OLD.reserved IS DISTINCT FROM NEW.reserved) EXECUTE FUNCTION hub_cascade_reserved();
CREATE TRIGGER comment_cascade_reserved AFTER UPDATE ON comment
    FOR EACH ROW WHEN (OLD.reserved IS DISTINCT FROM NEW.reserved) EXECUTE FUNCTION hub_cascade_reserved();
