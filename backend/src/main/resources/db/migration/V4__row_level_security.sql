-- The second wall: PostgreSQL row-level security. The hub's API connects as ${appRole}, a role
-- that owns no table and cannot bypass RLS; each connection carries the caller's clearance in the
-- setting hub.clearance ('reserved', 'open' or anything else for none), set by the application
-- (visibility/ClearanceConnectionFactory.java) before every use. Even a query that forgets the
-- application's filter then returns no row the caller may not see.
--
-- The rule mirrors VisibilityPolicy.rowFilter: cleared callers see every row, OPEN readers see
-- rows that are not effectively reserved, anyone else sees nothing. A test keeps the two in step.

CREATE FUNCTION hub_may_see(reserved boolean) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE current_setting('hub.clearance', true)
               WHEN 'reserved' THEN true
               WHEN 'open' THEN NOT reserved
               ELSE false
           END
$$;

-- Deriving `reserved` must see the parent as it truly is, whoever writes the child: the lookup
-- runs with the owner's rights (it reads one boolean of a whitelisted table, nothing else).
ALTER FUNCTION hub_item_reserved(text, uuid, boolean) SECURITY DEFINER SET search_path = public;

ALTER TABLE work_plan ENABLE ROW LEVEL SECURITY;
ALTER TABLE workstream ENABLE ROW LEVEL SECURITY;
ALTER TABLE task ENABLE ROW LEVEL SECURITY;
ALTER TABLE resource ENABLE ROW LEVEL SECURITY;
ALTER TABLE indicator ENABLE ROW LEVEL SECURITY;
ALTER TABLE indicator_period ENABLE ROW LEVEL SECURITY;
ALTER TABLE progress_report ENABLE ROW LEVEL SECURITY;
ALTER TABLE comment ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_entry ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_decision ENABLE ROW LEVEL SECURITY;

CREATE POLICY visible ON work_plan USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));
CREATE POLICY visible ON workstream USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));
CREATE POLICY visible ON task USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));
CREATE POLICY visible ON resource USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));
CREATE POLICY visible ON indicator USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));
CREATE POLICY visible ON indicator_period USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));
CREATE POLICY visible ON progress_report USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));
CREATE POLICY visible ON comment USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));
CREATE POLICY visible ON audit_entry USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));
-- A decision link is visible when its task is (the subquery is itself filtered by task's policy).
CREATE POLICY visible ON task_decision USING (EXISTS (SELECT 1 FROM task t WHERE t.id = task_id))
    WITH CHECK (EXISTS (SELECT 1 FROM task t WHERE t.id = task_id));

GRANT SELECT ON organisation, decision TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON work_plan, workstream, task, task_decision, resource, indicator,
    indicator_period, progress_report, comment, audit_entry TO ${appRole};
