-- The work-plan domain of the Tripartite Hub (decision 22 of the XXI CRM).
-- Every reservable row carries its own `visibility` (what the government chose for it) and
-- `reserved` (whether it is effectively RESERVED: itself or any ancestor). `reserved` is derived
-- by the triggers of V2 and is the only column any read filter looks at.

-- Catalogue -----------------------------------------------------------------------------------

CREATE TABLE organisation (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code       text NOT NULL UNIQUE,              -- stable short code, e.g. 'SV', 'IOM', 'RROCM'
    name       text NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('MEMBER_STATE', 'OBSERVER', 'SECRETARIAT',
                                             'CIVIL_SOCIETY_NETWORK', 'CIVIL_SOCIETY_ORGANISATION')),
    country    char(2),                            -- ISO-3166 alpha-2
    network_id uuid REFERENCES organisation (id)   -- the network a civil-society organisation belongs to
);

CREATE TABLE decision (
    id      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    meeting text NOT NULL,                         -- e.g. 'XXI CRM (2016)'
    number  int  NOT NULL CHECK (number > 0),
    title   text NOT NULL,
    UNIQUE (meeting, number)
);

-- Work plan ----------------------------------------------------------------------------------

CREATE TABLE work_plan (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title         text NOT NULL,
    description   text,
    cycle         int  NOT NULL CHECK (cycle BETWEEN 1990 AND 2200),
    status        text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'ADOPTED', 'CLOSED')),
    presidency_id uuid REFERENCES organisation (id),
    visibility    text NOT NULL DEFAULT 'OPEN' CHECK (visibility IN ('OPEN', 'RESERVED')),
    reserved      boolean NOT NULL DEFAULT false,
    version       int  NOT NULL DEFAULT 1,
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE workstream (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    work_plan_id uuid NOT NULL REFERENCES work_plan (id) ON DELETE CASCADE,
    title        text NOT NULL,
    description  text,
    lead         text NOT NULL CHECK (lead IN ('PPT', 'ST_CRM', 'ST_RROCM')),
    visibility   text NOT NULL DEFAULT 'OPEN' CHECK (visibility IN ('OPEN', 'RESERVED')),
    reserved     boolean NOT NULL DEFAULT false,
    version      int  NOT NULL DEFAULT 1,
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workstream_work_plan ON workstream (work_plan_id, created_at, id);

CREATE TABLE task (
    id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workstream_id              uuid NOT NULL REFERENCES workstream (id) ON DELETE CASCADE,
    work_plan_id               uuid NOT NULL REFERENCES work_plan (id) ON DELETE CASCADE,
    title                      text NOT NULL,
    description                text,
    kind                       text NOT NULL CHECK (kind IN ('ACTION', 'WORKSHOP', 'SEMINAR', 'MEETING', 'CONSULTATION', 'DOCUMENT')),
    status                     text NOT NULL CHECK (status IN ('PROPOSED', 'PLANNED', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED')),
    responsible                text NOT NULL CHECK (responsible IN ('PPT', 'ST_CRM', 'ST_RROCM')),
    responsible_organisation_id uuid REFERENCES organisation (id),
    start_date                 date,
    due_date                   date,
    progress                   int  NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    decline_reason             text,
    proposed_by                text,
    visibility                 text NOT NULL DEFAULT 'OPEN' CHECK (visibility IN ('OPEN', 'RESERVED')),
    reserved                   boolean NOT NULL DEFAULT false,
    version                    int  NOT NULL DEFAULT 1,
    created_by                 text NOT NULL,
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    CHECK (start_date IS NULL OR due_date IS NULL OR start_date <= due_date)
);
CREATE INDEX task_workstream ON task (workstream_id, created_at, id);
CREATE INDEX task_work_plan ON task (work_plan_id, created_at, id);

CREATE TABLE task_decision (
    task_id     uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    decision_id uuid NOT NULL REFERENCES decision (id),
    PRIMARY KEY (task_id, decision_id)
);
CREATE INDEX task_decision_decision ON task_decision (decision_id);

CREATE TABLE resource (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    work_plan_id uuid NOT NULL REFERENCES work_plan (id) ON DELETE CASCADE,
    task_id      uuid REFERENCES task (id) ON DELETE CASCADE,
    kind         text NOT NULL CHECK (kind IN ('FUNDING', 'IN_KIND', 'TECHNICAL_ASSISTANCE', 'VENUE', 'STAFF')),
    status       text NOT NULL CHECK (status IN ('IDENTIFIED', 'REQUESTED', 'PLEDGED', 'CONFIRMED', 'DELIVERED', 'WITHDRAWN')),
    description  text NOT NULL,
    provider_id  uuid REFERENCES organisation (id),
    amount       numeric(18, 2) CHECK (amount >= 0),
    currency     char(3),
    visibility   text NOT NULL DEFAULT 'OPEN' CHECK (visibility IN ('OPEN', 'RESERVED')),
    reserved     boolean NOT NULL DEFAULT false,
    version      int  NOT NULL DEFAULT 1,
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((amount IS NULL) = (currency IS NULL))
);
CREATE INDEX resource_work_plan ON resource (work_plan_id, created_at, id);
CREATE INDEX resource_task ON resource (task_id, created_at, id);

-- Monitoring and follow-up ---------------------------------------------------------------------

-- An indicator measures a task's results, in the manner of the IATI results standard.
CREATE TABLE indicator (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    task_id        uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    title          text NOT NULL,
    unit           text NOT NULL,
    baseline_value numeric(18, 4),
    baseline_year  int,
    target_value   numeric(18, 4),
    visibility     text NOT NULL DEFAULT 'OPEN' CHECK (visibility IN ('OPEN', 'RESERVED')),
    reserved       boolean NOT NULL DEFAULT false,
    version        int  NOT NULL DEFAULT 1,
    created_by     text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX indicator_task ON indicator (task_id, created_at, id);

-- The actual value of an indicator over one period.
CREATE TABLE indicator_period (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    indicator_id uuid NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
    period_start date NOT NULL,
    period_end   date NOT NULL,
    target_value numeric(18, 4),
    actual_value numeric(18, 4) NOT NULL,
    note         text,
    reserved     boolean NOT NULL DEFAULT false,   -- always the indicator's: periods have no visibility of their own
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (period_start <= period_end),
    UNIQUE (indicator_id, period_start, period_end)
);

CREATE TABLE progress_report (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    task_id      uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    period_start date NOT NULL,
    period_end   date NOT NULL,
    health       text NOT NULL CHECK (health IN ('ON_TRACK', 'AT_RISK', 'OFF_TRACK')),
    summary      text NOT NULL,
    visibility   text NOT NULL DEFAULT 'OPEN' CHECK (visibility IN ('OPEN', 'RESERVED')),
    reserved     boolean NOT NULL DEFAULT false,
    version      int  NOT NULL DEFAULT 1,
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (period_start <= period_end)
);
CREATE INDEX progress_report_task ON progress_report (task_id, created_at, id);

-- Collaboration ----------------------------------------------------------------------------------

-- A comment on any reservable item; subject_type names the item's table.
CREATE TABLE comment (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    subject_type text NOT NULL CHECK (subject_type IN ('work_plan', 'workstream', 'task', 'resource', 'indicator', 'progress_report')),
    subject_id   uuid NOT NULL,
    body         text NOT NULL,
    visibility   text NOT NULL DEFAULT 'OPEN' CHECK (visibility IN ('OPEN', 'RESERVED')),
    reserved     boolean NOT NULL DEFAULT false,
    version      int  NOT NULL DEFAULT 1,
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comment_subject ON comment (subject_id, created_at, id);

-- Audit trail ------------------------------------------------------------------------------------

-- One row per mutation of an item, written in the mutation's own transaction.
-- `changes` is a JSON array of {"field", "before", "after"}.
CREATE TABLE audit_entry (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    subject_type text NOT NULL,
    subject_id   uuid NOT NULL,
    action       text NOT NULL CHECK (action IN ('CREATED', 'UPDATED', 'DELETED', 'CLASSIFIED')),
    actor        text NOT NULL,
    at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    changes      jsonb NOT NULL DEFAULT '[]',
    reserved     boolean NOT NULL DEFAULT false
);
CREATE INDEX audit_entry_subject ON audit_entry (subject_id, at, id);
