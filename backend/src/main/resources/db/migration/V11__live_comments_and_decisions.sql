-- Live comments and proposal decisions (issue 10) go through the same event log, the same
-- ordering and the same delivery-time visibility check as tasks and resources (V5).
ALTER TABLE change_event DROP CONSTRAINT change_event_item_type_check;
ALTER TABLE change_event ADD CONSTRAINT change_event_item_type_check
    CHECK (item_type IN ('task', 'resource', 'comment', 'proposal'));

-- Whom a decision on a proposal concerns: the organisations of the member who proposed the task
-- (the token's groups at the time), besides the secretariats.
ALTER TABLE task ADD COLUMN proposed_by_organisations text[];

-- The work plan an item belongs to, for comments, which may be on any item.
CREATE FUNCTION hub_work_plan_of(item_type text, item_id uuid) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT CASE item_type
        WHEN 'work_plan' THEN item_id
        WHEN 'workstream' THEN (SELECT work_plan_id FROM workstream WHERE id = item_id)
        WHEN 'task' THEN (SELECT work_plan_id FROM task WHERE id = item_id)
        WHEN 'resource' THEN (SELECT work_plan_id FROM resource WHERE id = item_id)
        WHEN 'indicator' THEN (SELECT t.work_plan_id FROM indicator i JOIN task t ON t.id = i.task_id WHERE i.id = item_id)
        WHEN 'progress_report' THEN (SELECT t.work_plan_id FROM progress_report p JOIN task t ON t.id = p.task_id WHERE p.id = item_id)
    END
$$;

-- A new comment: CREATED, with its effective classification (comment_derive_reserved ran before).
CREATE FUNCTION hub_record_comment() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    new_position bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(7310022);
    INSERT INTO change_event (work_plan_id, item_type, item_id, kind, reserved_before, reserved_after)
    VALUES (hub_work_plan_of(NEW.subject_type, NEW.subject_id), 'comment', NEW.id, 'CREATED', NULL, NEW.reserved)
    RETURNING position INTO new_position;
    PERFORM pg_notify('hub_changes', new_position::text);
    RETURN NULL;
END $$;

CREATE TRIGGER comment_record_change AFTER INSERT ON comment
    FOR EACH ROW EXECUTE FUNCTION hub_record_comment();

-- A proposal leaves PROPOSED only by a decision (acceptProposal, declineProposal).
CREATE FUNCTION hub_record_proposal_decision() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    new_position bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(7310022);
    INSERT INTO change_event (work_plan_id, item_type, item_id, kind, reserved_before, reserved_after)
    VALUES (NEW.work_plan_id, 'proposal', NEW.id, 'UPDATED', OLD.reserved, NEW.reserved)
    RETURNING position INTO new_position;
    PERFORM pg_notify('hub_changes', new_position::text);
    RETURN NULL;
END $$;

CREATE TRIGGER task_record_proposal_decision AFTER UPDATE OF status ON task
    FOR EACH ROW WHEN (OLD.status = 'PROPOSED' AND NEW.status <> 'PROPOSED')
    EXECUTE FUNCTION hub_record_proposal_decision();
