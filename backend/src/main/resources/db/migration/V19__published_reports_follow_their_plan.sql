-- A published report is as reserved as its plan: the governments' edition always, the civil-society
-- edition while its plan is effectively RESERVED. V16 derived the flag from the edition alone and
-- left the plan's visibility to the application (report/PublishedReports): the second wall now
-- holds it too, as it does for every other row of a plan, and the cascade carries a plan's
-- reclassification to its reports.
CREATE OR REPLACE FUNCTION published_report_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := NEW.edition = 'GOVERNMENT'
        OR coalesce(hub_item_reserved('work_plan', NEW.work_plan_id, false), true);
    RETURN NEW;
END $$;

-- Same body as V17, one more statement in the work plan's case.
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
            UPDATE published_report SET reserved = reserved WHERE work_plan_id = NEW.id
                AND reserved <> (edition = 'GOVERNMENT' OR NEW.reserved);
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

-- the editions stored so far, derived again
UPDATE published_report SET reserved = reserved;
