-- Suggestions of civil society to the CRM (issue 12, item 2), and the answers they get.
--
-- A suggestion is always OPEN: civil society made it, and the declaration lets civil society take
-- part in all work that is not reserved. Its answer lives in a row of its own, created with the
-- suggestion (PENDING, OPEN), so that a government may classify the answer RESERVED without
-- touching the suggestion: the answer row, its audit entries and its task links are then hidden
-- from uncleared callers by row-level security, and they read the suggestion as unanswered.

CREATE TABLE suggestion (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organisation_id uuid NOT NULL REFERENCES organisation (id),
    body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    made_at         text NOT NULL CHECK (length(made_at) BETWEEN 1 AND 300),
    made_on         date,
    -- a suggestion itself is never reserved: only its answer may be
    visibility      text NOT NULL DEFAULT 'OPEN' CHECK (visibility = 'OPEN'),
    reserved        boolean NOT NULL DEFAULT false,
    version         int  NOT NULL DEFAULT 1,
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- One answer per suggestion. PENDING until answered; a reason is required when DECLINED and
-- absent while PENDING; who answered and when are set by each answer (the application's).
CREATE TABLE suggestion_response (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    suggestion_id uuid NOT NULL UNIQUE REFERENCES suggestion (id) ON DELETE CASCADE,
    status        text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'ADOPTED', 'IN_PROGRESS', 'DECLINED')),
    reason        text CHECK (length(reason) BETWEEN 1 AND 4000),
    answered_by   text,
    answered_at   timestamptz,
    visibility    text NOT NULL DEFAULT 'OPEN' CHECK (visibility IN ('OPEN', 'RESERVED')),
    reserved      boolean NOT NULL DEFAULT false,
    version       int  NOT NULL DEFAULT 1,
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (status <> 'DECLINED' OR reason IS NOT NULL),
    CHECK (status <> 'PENDING' OR reason IS NULL)
);

-- The tasks that take a suggestion up, linked to its answer. A link is visible when both its
-- answer and its task are (its policy below), so it needs no reservation of its own and follows
-- any reclassification of either at once.
CREATE TABLE suggestion_task (
    response_id uuid NOT NULL REFERENCES suggestion_response (id) ON DELETE CASCADE,
    task_id     uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    PRIMARY KEY (response_id, task_id)
);
CREATE INDEX suggestion_task_task ON suggestion_task (task_id);

-- Keyset paging (as V8): the list in the order suggestions were recorded, alone or filtered by
-- organisation or by meeting; each with its index over the rows uncleared callers may read.
CREATE INDEX suggestion_created ON suggestion (created_at, id) INCLUDE (reserved);
CREATE INDEX suggestion_created_open ON suggestion (created_at, id) INCLUDE (reserved) WHERE NOT reserved;
CREATE INDEX suggestion_organisation ON suggestion (organisation_id, created_at, id) INCLUDE (reserved);
CREATE INDEX suggestion_organisation_open ON suggestion (organisation_id, created_at, id) INCLUDE (reserved) WHERE NOT reserved;
CREATE INDEX suggestion_made_at ON suggestion (made_at, created_at, id) INCLUDE (reserved);
CREATE INDEX suggestion_made_at_open ON suggestion (made_at, created_at, id) INCLUDE (reserved) WHERE NOT reserved;

-- The parent lookup (V2, V13) accepts exactly the tables of items with a visibility of their own.
-- It asks the catalogue instead of keeping a list, so that the item tables of other migrations
-- are accepted too without this one having to name them (RowLevelSecurityTest keeps the set
-- equal to ItemType's reservable types).
CREATE OR REPLACE FUNCTION hub_item_reserved(item_type text, item_id uuid, lock_it boolean) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    result boolean;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                   JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname = item_type
                     AND a.attname = 'visibility' AND NOT a.attisdropped) THEN
        RAISE EXCEPTION 'not a reservable item type: %', item_type;
    END IF;
    IF lock_it THEN
        EXECUTE format('SELECT reserved FROM %I WHERE id = $1 FOR SHARE', item_type) INTO result USING item_id;
    ELSE
        EXECUTE format('SELECT reserved FROM %I WHERE id = $1', item_type) INTO result USING item_id;
    END IF;
    RETURN result;
END $$;

CREATE FUNCTION suggestion_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := NEW.visibility = 'RESERVED';
    RETURN NEW;
END $$;

-- An answer is reserved by its own classification only: its suggestion is always OPEN.
CREATE FUNCTION suggestion_response_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := NEW.visibility = 'RESERVED';
    RETURN NEW;
END $$;

CREATE TRIGGER suggestion_derive_reserved BEFORE INSERT OR UPDATE ON suggestion
    FOR EACH ROW EXECUTE FUNCTION suggestion_derive_reserved();
CREATE TRIGGER suggestion_response_derive_reserved BEFORE INSERT OR UPDATE ON suggestion_response
    FOR EACH ROW EXECUTE FUNCTION suggestion_response_derive_reserved();

-- The cascade's generic part (V2's body, unchanged) passes an answer's reclassification to its
-- audit entries: a RESERVED answer's whole history disappears for uncleared callers.
CREATE TRIGGER suggestion_cascade_reserved AFTER UPDATE ON suggestion
    FOR EACH ROW WHEN (OLD.reserved IS DISTINCT FROM NEW.reserved) EXECUTE FUNCTION hub_cascade_reserved();
CREATE TRIGGER suggestion_response_cascade_reserved AFTER UPDATE ON suggestion_response
    FOR EACH ROW WHEN (OLD.reserved IS DISTINCT FROM NEW.reserved) EXECUTE FUNCTION hub_cascade_reserved();
-- Neither takes comments; the clean-up is there so that every item table has it (V6).
CREATE TRIGGER suggestion_delete_comments AFTER DELETE ON suggestion FOR EACH ROW EXECUTE FUNCTION hub_delete_comments();
CREATE TRIGGER suggestion_response_delete_comments AFTER DELETE ON suggestion_response
    FOR EACH ROW EXECUTE FUNCTION hub_delete_comments();

ALTER TABLE suggestion ENABLE ROW LEVEL SECURITY;
ALTER TABLE suggestion_response ENABLE ROW LEVEL SECURITY;
ALTER TABLE suggestion_task ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON suggestion USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));
CREATE POLICY visible ON suggestion_response USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));
-- A link is visible when the caller may see both its answer and its task. The lookups run with
-- the caller's rights, so the two tables' own policies decide. A function rather than EXISTS
-- subqueries in the policy: the planner may turn those into a hash of every visible task, read
-- for any page of links (ListPlansTest), while a function is two primary-key lookups per link.
CREATE FUNCTION hub_suggestion_link_visible(response uuid, linked_task uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE SET search_path = public AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM task t WHERE t.id = linked_task)
        AND EXISTS (SELECT 1 FROM suggestion_response r WHERE r.id = response);
END $$;
CREATE POLICY visible ON suggestion_task USING (hub_suggestion_link_visible(response_id, task_id))
    WITH CHECK (hub_suggestion_link_visible(response_id, task_id));

GRANT SELECT, INSERT, UPDATE, DELETE ON suggestion, suggestion_response, suggestion_task TO ${appRole};
GRANT EXECUTE ON FUNCTION hub_suggestion_link_visible(uuid, uuid) TO ${appRole};
