-- Member Countries' contributions to the CRM Technical Secretariat's budget (decisions 3 and 6),
-- and their payments. A contribution is a reservable item of its own (no parent): a government
-- may classify it RESERVED, and then it and its payments are hidden from uncleared users like any
-- reserved item, in lists, totals and the audit trail.

CREATE TABLE contribution (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organisation_id uuid NOT NULL REFERENCES organisation (id),
    cycle           int  NOT NULL CHECK (cycle BETWEEN 1990 AND 2200),
    amount          numeric(18, 2) NOT NULL CHECK (amount > 0),
    currency        char(3) NOT NULL,
    due_date        date NOT NULL,
    visibility      text NOT NULL DEFAULT 'OPEN' CHECK (visibility IN ('OPEN', 'RESERVED')),
    reserved        boolean NOT NULL DEFAULT false,
    version         int  NOT NULL DEFAULT 1,
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organisation_id, cycle)
);
CREATE INDEX contribution_cycle ON contribution (cycle, created_at, id);

-- A payment belongs to one contribution and is exactly as reserved as it.
CREATE TABLE contribution_payment (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    contribution_id uuid NOT NULL REFERENCES contribution (id) ON DELETE CASCADE,
    amount          numeric(18, 2) NOT NULL CHECK (amount > 0),
    paid_on         date NOT NULL,
    note            text,
    reserved        boolean NOT NULL DEFAULT false,
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contribution_payment_contribution ON contribution_payment (contribution_id, paid_on, id);

-- The parent lookup accepts contributions too (same body as V2, one more table).
CREATE OR REPLACE FUNCTION hub_item_reserved(item_type text, item_id uuid, lock_it boolean) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    result boolean;
BEGIN
    IF item_type NOT IN ('work_plan', 'workstream', 'task', 'resource', 'indicator', 'progress_report', 'comment',
                         'contribution') THEN
        RAISE EXCEPTION 'not a reservable item type: %', item_type;
    END IF;
    IF lock_it THEN
        EXECUTE format('SELECT reserved FROM %I WHERE id = $1 FOR SHARE', item_type) INTO result USING item_id;
    ELSE
        EXECUTE format('SELECT reserved FROM %I WHERE id = $1', item_type) INTO result USING item_id;
    END IF;
    RETURN result;
END $$;

CREATE FUNCTION contribution_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := NEW.visibility = 'RESERVED';
    RETURN NEW;
END $$;

CREATE FUNCTION contribution_payment_derive_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reserved := hub_item_reserved('contribution', NEW.contribution_id,
        TG_OP = 'INSERT' OR OLD.contribution_id IS DISTINCT FROM NEW.contribution_id);
    RETURN NEW;
END $$;

CREATE TRIGGER contribution_derive_reserved BEFORE INSERT OR UPDATE ON contribution
    FOR EACH ROW EXECUTE FUNCTION contribution_derive_reserved();
CREATE TRIGGER contribution_payment_derive_reserved BEFORE INSERT OR UPDATE ON contribution_payment
    FOR EACH ROW EXECUTE FUNCTION contribution_payment_derive_reserved();

-- The cascade passes a contribution's reclassification to its payments (same body as V2, one more case).
CREATE OR REPLACE FUNCTION hub_cascade_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
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
        WHEN 'contribution' THEN
            UPDATE contribution_payment SET reserved = reserved WHERE contribution_id = NEW.id
                AND reserved <> NEW.reserved;
        ELSE
            NULL;
    END CASE;
    UPDATE comment SET reserved = reserved WHERE subject_id = NEW.id
        AND reserved <> (visibility = 'RESERVED' OR NEW.reserved);
    UPDATE audit_entry SET reserved = NEW.reserved WHERE subject_id = NEW.id AND reserved <> NEW.reserved;
    RETURN NULL;
END $$;

CREATE TRIGGER contribution_cascade_reserved AFTER UPDATE ON contribution
    FOR EACH ROW WHEN (OLD.reserved IS DISTINCT FROM NEW.reserved) EXECUTE FUNCTION hub_cascade_reserved();
-- Contributions take no comments; the clean-up is there so that every item table has it (V6).
CREATE TRIGGER contribution_delete_comments AFTER DELETE ON contribution FOR EACH ROW EXECUTE FUNCTION hub_delete_comments();

ALTER TABLE contribution ENABLE ROW LEVEL SECURITY;
ALTER TABLE contribution_payment ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON contribution USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));
CREATE POLICY visible ON contribution_payment USING (hub_may_see(reserved)) WITH CHECK (hub_may_see(reserved));

GRANT SELECT, INSERT, UPDATE, DELETE ON contribution, contribution_payment TO ${appRole};
