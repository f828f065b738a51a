-- The monitoring report published at the end of each quarter (issue 13, report/ReportPublisher):
-- two editions (civil society, governments) per language, stored as published, with the IDs of the
-- items each shows so that a later reclassification finds the civil-society editions to redo.

-- One row per plan and quarter: taking it is the right to publish (INSERT ... ON CONFLICT DO
-- NOTHING, or taking over a claim that expired unpublished after an instance died), so a quarter
-- is published exactly once whatever the number of instances.
CREATE TABLE report_publication (
    work_plan_id  uuid NOT NULL REFERENCES work_plan (id) ON DELETE CASCADE,
    period_from   date NOT NULL,
    period_to     date NOT NULL,
    claimed_by    text NOT NULL,
    claimed_until timestamptz NOT NULL,
    published_at  timestamptz,
    PRIMARY KEY (work_plan_id, period_from, period_to)
);

CREATE TABLE published_report (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    work_plan_id  uuid NOT NULL REFERENCES work_plan (id) ON DELETE CASCADE,
    period_from   date NOT NULL,
    period_to     date NOT NULL,
    edition       text NOT NULL CHECK (edition IN ('CIVIL_SOCIETY', 'GOVERNMENT')),
    language      text NOT NULL CHECK (language IN ('en', 'es')),
    -- 1 as first published; each regeneration after a reclassification counts up
    revision      int  NOT NULL DEFAULT 1,
    pdf           bytea NOT NULL,
    html          bytea NOT NULL,
    -- plan, workstreams, tasks, indicators, progress reports, resources and contributions it reflects
    shown_items   uuid[] NOT NULL,
    published_at  timestamptz NOT NULL,
    reserved      boolean NOT NULL DEFAULT false,
    UNIQUE (work_plan_id, period_from, period_to, edition, language)
);
CREATE INDEX published_report_list ON published_report (work_plan_id, published_at, id);
CREATE INDEX published_report_shows ON published_report USING gin (shown_items) WHERE edition = 'CIVIL_SOCIETY';

-- The governments' edition is reserved: only cleared viewers read it, through both walls.
CREATE FUNCTION published_report_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := NEW.edition = 'GOVERNMENT';
    RETURN NEW;
END $$;
CREATE TRIGGER published_report_derive_reserved BEFORE INSERT OR UPDATE ON published_report
    FOR EACH ROW EXECUTE FUNCTION published_report_derive_reserved();

ALTER TABLE published_report ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON published_report USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));

-- Items that became reserved, for the civil-society editions that show them to be generated again
-- at once without them. Written by the reclassifying transaction itself (cascades included); an
-- instance claims rows (claimed_until) before the work and deletes them after, so each is done once.
CREATE TABLE report_reclassification (
    id            bigserial PRIMARY KEY,
    item_id       uuid NOT NULL,
    at            timestamptz NOT NULL DEFAULT clock_timestamp(),
    claimed_until timestamptz
);

CREATE FUNCTION hub_queue_report_reclassification() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    -- only items some stored civil-society edition shows
    IF EXISTS (SELECT 1 FROM published_report WHERE edition = 'CIVIL_SOCIETY' AND shown_items @> ARRAY[NEW.id]) THEN
        INSERT INTO report_reclassification (item_id) VALUES (NEW.id);
        PERFORM pg_notify('hub_report_reclassified', NEW.id::text);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER work_plan_queue_report_reclassification AFTER UPDATE ON work_plan
    FOR EACH ROW WHEN (NOT OLD.reserved AND NEW.reserved) EXECUTE FUNCTION hub_queue_report_reclassification();
CREATE TRIGGER workstream_queue_report_reclassification AFTER UPDATE ON workstream
    FOR EACH ROW WHEN (NOT OLD.reserved AND NEW.reserved) EXECUTE FUNCTION hub_queue_report_reclassification();
CREATE TRIGGER task_queue_report_reclassification AFTER UPDATE ON task
    FOR EACH ROW WHEN (NOT OLD.reserved AND NEW.reserved) EXECUTE FUNCTION hub_queue_report_reclassification();
CREATE TRIGGER resource_queue_report_reclassification AFTER UPDATE ON resource
    FOR EACH ROW WHEN (NOT OLD.reserved AND NEW.reserved) EXECUTE FUNCTION hub_queue_report_reclassification();
CREATE TRIGGER indicator_queue_report_reclassification AFTER UPDATE ON indicator
    FOR EACH ROW WHEN (NOT OLD.reserved AND NEW.reserved) EXECUTE FUNCTION hub_queue_report_reclassification();
CREATE TRIGGER progress_report_queue_report_reclassification AFTER UPDATE ON progress_report
    FOR EACH ROW WHEN (NOT OLD.reserved AND NEW.reserved) EXECUTE FUNCTION hub_queue_report_reclassification();
CREATE TRIGGER contribution_queue_report_reclassification AFTER UPDATE ON contribution
    FOR EACH ROW WHEN (NOT OLD.reserved AND NEW.reserved) EXECUTE FUNCTION hub_queue_report_reclassification();

-- A published edition is news for the plan's readers through the event log (V5, V11), with the
-- same ordering and the same delivery-time visibility check: reserved_after is the edition's.
-- The item types other migrations allow are kept: 'published_report' is added to them.
DO $$
DECLARE
    def text;
BEGIN
    SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
        WHERE conrelid = 'change_event'::regclass AND conname = 'change_event_item_type_check';
    EXECUTE 'ALTER TABLE change_event DROP CONSTRAINT change_event_item_type_check';
    EXECUTE 'ALTER TABLE change_event ADD CONSTRAINT change_event_item_type_check '
        || replace(def, 'ARRAY[', 'ARRAY[''published_report''::text, ');
END $$;

CREATE FUNCTION hub_record_publication() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    new_position bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(7310022);
    INSERT INTO change_event (work_plan_id, item_type, item_id, kind, reserved_before, reserved_after)
    VALUES (NEW.work_plan_id, 'published_report', NEW.id, 'CREATED', NULL, NEW.reserved)
    RETURNING position INTO new_position;
    PERFORM pg_notify('hub_changes', new_position::text);
    RETURN NULL;
END $$;

CREATE TRIGGER published_report_record_change AFTER INSERT ON published_report
    FOR EACH ROW EXECUTE FUNCTION hub_record_publication();

GRANT SELECT, INSERT, UPDATE, DELETE ON report_publication, published_report, report_reclassification TO ${appRole};
GRANT USAGE ON SEQUENCE report_reclassification_id_seq TO ${appRole};

-- Which of these items (of the seven tables above) are reserved now; with lock_them, each is locked
-- FOR SHARE until the caller's transaction ends, so that a reservation of one waits for it.
CREATE FUNCTION hub_reserved_among(items uuid[], lock_them boolean) RETURNS uuid[]
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    found uuid[] := '{}';
    part  uuid[];
    t     text;
BEGIN
    FOREACH t IN ARRAY ARRAY['work_plan', 'workstream', 'task', 'resource', 'indicator', 'progress_report', 'contribution'] LOOP
        EXECUTE format('SELECT coalesce(array_agg(s.id), ''{}'') FROM (SELECT id, reserved FROM %I WHERE id = ANY($1)%s) s'
                       || ' WHERE s.reserved', t, CASE WHEN lock_them THEN ' FOR SHARE' ELSE '' END)
            INTO part USING items;
        found := found || part;
    END LOOP;
    RETURN found;
END $$;

-- A civil-society edition is stored (or replaced) in the same statement as this guard. The shown
-- items are locked: a reservation made meanwhile waits for the store, and its trigger then finds
-- the edition and queues it; one committed before the render finished is queued here. Either way
-- the edition is generated again without the item, and hidden from uncleared readers until then
-- (PublishedReports.visible).
CREATE FUNCTION hub_guard_shown_items(items uuid[]) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    reserved_now uuid[] := hub_reserved_among(items, true);
BEGIN
    IF cardinality(reserved_now) > 0 THEN
        INSERT INTO report_reclassification (item_id) SELECT unnest(reserved_now);
        PERFORM pg_notify('hub_report_reclassified', 'stored');
    END IF;
    RETURN true;
END $$;
