-- Keyset paging (issue 9): every list the schema offers, in every ordering it offers, is read by
-- an index range scan of the page's rows and no more, whatever the size of the list.
--
-- 1. Sort keys are plain columns. Under row-level security PostgreSQL turns a condition into an
--    index condition only when its operators are leakproof and it names plain columns: a cursor
--    over lower(title), coalesce(due_date, ...) or a numeric would be checked row by row from the
--    start of the list. So the keys that are expressions are stored, generated columns, and the
--    amount's key is a count of cents (bigint's comparison is leakproof, numeric's is not).
--    Pager and ReadCompiler order by these columns (TaskQuery.ordering, Resources.ordering).
ALTER TABLE task
    ADD COLUMN title_key text GENERATED ALWAYS AS (lower(title)) STORED,
    ADD COLUMN due_key   date GENERATED ALWAYS AS (coalesce(due_date, 'infinity'::date)) STORED;
-- numeric(18, 2) and non-negative: at most 10^18 - 1 cents; resources without an amount sort last
ALTER TABLE resource
    ADD COLUMN amount_key bigint GENERATED ALWAYS AS (coalesce((amount * 100)::bigint, 9223372036854775807)) STORED;

-- 2. Two indexes per (parent, ordering), the row's id last so that the order is total: one over
--    every row, for cleared viewers, and one over the rows that are not effectively reserved
--    (`WHERE NOT reserved`), for everyone else. Without the second, an uncleared viewer's page
--    would step over every reserved row that sorts before it (a reserved workstream's tasks, all
--    in a row), one by one. VisibilityPolicy.rowFilter's `NOT x.reserved` is what lets the
--    planner pick it. The default ordering's indexes also carry `reserved`, so that totalCount
--    (visibility filter and row-level security included) is an index-only scan.
DROP INDEX task_work_plan;
DROP INDEX task_workstream;
CREATE INDEX task_work_plan ON task (work_plan_id, created_at, id) INCLUDE (reserved);
CREATE INDEX task_work_plan_open ON task (work_plan_id, created_at, id) INCLUDE (reserved) WHERE NOT reserved;
CREATE INDEX task_work_plan_updated ON task (work_plan_id, updated_at, id);
CREATE INDEX task_work_plan_updated_open ON task (work_plan_id, updated_at, id) WHERE NOT reserved;
CREATE INDEX task_work_plan_due ON task (work_plan_id, due_key, id);
CREATE INDEX task_work_plan_due_open ON task (work_plan_id, due_key, id) WHERE NOT reserved;
CREATE INDEX task_work_plan_title ON task (work_plan_id, title_key, id);
CREATE INDEX task_work_plan_title_open ON task (work_plan_id, title_key, id) WHERE NOT reserved;
CREATE INDEX task_workstream ON task (workstream_id, created_at, id) INCLUDE (reserved);
CREATE INDEX task_workstream_open ON task (workstream_id, created_at, id) INCLUDE (reserved) WHERE NOT reserved;
CREATE INDEX task_workstream_updated ON task (workstream_id, updated_at, id);
CREATE INDEX task_workstream_updated_open ON task (workstream_id, updated_at, id) WHERE NOT reserved;
CREATE INDEX task_workstream_due ON task (workstream_id, due_key, id);
CREATE INDEX task_workstream_due_open ON task (workstream_id, due_key, id) WHERE NOT reserved;
CREATE INDEX task_workstream_title ON task (workstream_id, title_key, id);
CREATE INDEX task_workstream_title_open ON task (workstream_id, title_key, id) WHERE NOT reserved;

DROP INDEX resource_work_plan;
CREATE INDEX resource_work_plan ON resource (work_plan_id, created_at, id) INCLUDE (reserved);
CREATE INDEX resource_work_plan_open ON resource (work_plan_id, created_at, id) INCLUDE (reserved) WHERE NOT reserved;
CREATE INDEX resource_work_plan_updated ON resource (work_plan_id, updated_at, id);
CREATE INDEX resource_work_plan_updated_open ON resource (work_plan_id, updated_at, id) WHERE NOT reserved;
CREATE INDEX resource_work_plan_amount ON resource (work_plan_id, amount_key, id);
CREATE INDEX resource_work_plan_amount_open ON resource (work_plan_id, amount_key, id) WHERE NOT reserved;

DROP INDEX workstream_work_plan;
CREATE INDEX workstream_work_plan ON workstream (work_plan_id, created_at, id) INCLUDE (reserved);
CREATE INDEX workstream_work_plan_open ON workstream (work_plan_id, created_at, id) INCLUDE (reserved) WHERE NOT reserved;

-- workPlans: newest cycle first
CREATE INDEX work_plan_cycle ON work_plan (cycle, id) INCLUDE (reserved);
CREATE INDEX work_plan_cycle_open ON work_plan (cycle, id) INCLUDE (reserved) WHERE NOT reserved;

DROP INDEX comment_subject;
CREATE INDEX comment_subject ON comment (subject_id, created_at, id) INCLUDE (reserved);
CREATE INDEX comment_subject_open ON comment (subject_id, created_at, id) INCLUDE (reserved) WHERE NOT reserved;
DROP INDEX audit_entry_subject;
CREATE INDEX audit_entry_subject ON audit_entry (subject_id, at, id) INCLUDE (reserved);
CREATE INDEX audit_entry_subject_open ON audit_entry (subject_id, at, id) INCLUDE (reserved) WHERE NOT reserved;
