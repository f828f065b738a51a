-- Comments point at their subject by (type, id), without a foreign key: delete them with the
-- subject (and with everything a deletion cascades to), so none outlives what it was about.
CREATE FUNCTION hub_delete_comments() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    DELETE FROM comment WHERE subject_id = OLD.id;
    RETURN NULL;
END $$;

CREATE TRIGGER work_plan_delete_comments AFTER DELETE ON work_plan FOR EACH ROW EXECUTE FUNCTION hub_delete_comments();
CREATE TRIGGER workstream_delete_comments AFTER DELETE ON workstream FOR EACH ROW EXECUTE FUNCTION hub_delete_comments();
CREATE TRIGGER task_delete_comments AFTER DELETE ON task FOR EACH ROW EXECUTE FUNCTION hub_delete_comments();
CREATE TRIGGER resource_delete_comments AFTER DELETE ON resource FOR EACH ROW EXECUTE FUNCTION hub_delete_comments();
CREATE TRIGGER indicator_delete_comments AFTER DELETE ON indicator FOR EACH ROW EXECUTE FUNCTION hub_delete_comments();
CREATE TRIGGER progress_report_delete_comments AFTER DELETE ON progress_report FOR EACH ROW EXECUTE FUNCTION hub_delete_comments();
