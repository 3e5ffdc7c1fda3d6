-- OTO Match schema, version 1.
--
-- DuckDB refuses to UPDATE (or upsert) a row that a foreign key points at. So every
-- entity that others reference has a small *_keys table holding only its id: foreign keys
-- point at the keys table, and the entity's own row (which changes) is free to be updated.
-- Constraints are decided here, up front: DuckDB cannot add a CHECK constraint later.

CREATE TABLE teams (
    team_id       VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL UNIQUE,
    neighbourhood VARCHAR NOT NULL
);

CREATE TABLE staff_keys (staff_id VARCHAR PRIMARY KEY);
CREATE TABLE staff (
    staff_id   VARCHAR PRIMARY KEY REFERENCES staff_keys (staff_id),
    name       VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
    team_id    VARCHAR NOT NULL REFERENCES teams (team_id),
    profession VARCHAR NOT NULL,
    is_leader  BOOLEAN NOT NULL DEFAULT false,
    active     BOOLEAN NOT NULL DEFAULT true
);

CREATE TABLE employer_keys (employer_id VARCHAR PRIMARY KEY);
CREATE TABLE employers (
    employer_id      VARCHAR PRIMARY KEY REFERENCES employer_keys (employer_id),
    name             VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
    cvr              VARCHAR CHECK (cvr IS NULL OR regexp_full_match(cvr, '[0-9]{8}')),
    pnumber          VARCHAR CHECK (pnumber IS NULL OR regexp_full_match(pnumber, '[0-9]{10}')),
    address          VARCHAR NOT NULL DEFAULT '',
    postcode         VARCHAR NOT NULL CHECK (regexp_full_match(postcode, '[0-9]{4}')),
    industry         VARCHAR NOT NULL DEFAULT '',
    accommodations   VARCHAR[] NOT NULL DEFAULT [],
    adaptations_note VARCHAR NOT NULL DEFAULT '',
    size_band        VARCHAR NOT NULL DEFAULT '',
    social_economy   BOOLEAN NOT NULL DEFAULT false,
    owner_staff_id   VARCHAR REFERENCES staff_keys (staff_id),
    paused           BOOLEAN NOT NULL DEFAULT false,
    paused_reason    VARCHAR NOT NULL DEFAULT '',
    merged_into      VARCHAR REFERENCES employer_keys (employer_id),
    created_at       TIMESTAMP NOT NULL DEFAULT current_timestamp,
    CHECK (NOT paused OR length(trim(paused_reason)) > 0),
    CHECK (merged_into IS NULL OR merged_into <> employer_id)
);

CREATE TABLE contact_keys (contact_id VARCHAR PRIMARY KEY);
CREATE TABLE contact_persons (
    contact_id  VARCHAR PRIMARY KEY REFERENCES contact_keys (contact_id),
    employer_id VARCHAR NOT NULL REFERENCES employer_keys (employer_id),
    name        VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
    role        VARCHAR NOT NULL DEFAULT '',
    phone       VARCHAR NOT NULL DEFAULT '',
    email       VARCHAR NOT NULL DEFAULT ''
);

CREATE TABLE visits (
    visit_id            VARCHAR PRIMARY KEY,
    employer_id         VARCHAR NOT NULL REFERENCES employer_keys (employer_id),
    staff_id            VARCHAR NOT NULL REFERENCES staff_keys (staff_id),
    visit_date          DATE NOT NULL,
    form                VARCHAR NOT NULL CHECK (form IN ('in_person_workplace', 'in_person_elsewhere', 'phone', 'email')),
    cup                 INTEGER CHECK (cup IS NULL OR cup BETWEEN 1 AND 3),
    notes               VARCHAR NOT NULL DEFAULT '',
    tasks_learned       VARCHAR NOT NULL DEFAULT '',
    adaptations_learned VARCHAR[] NOT NULL DEFAULT [],
    next_step           VARCHAR NOT NULL DEFAULT '',
    next_step_date      DATE,
    created_at          TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE citizen_keys (citizen_id VARCHAR PRIMARY KEY);
CREATE TABLE citizens (
    citizen_id         VARCHAR PRIMARY KEY REFERENCES citizen_keys (citizen_id),
    name               VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
    birth_year         INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100),
    gender             VARCHAR CHECK (gender IS NULL OR gender IN ('female', 'male', 'other')),
    country_of_origin  VARCHAR,
    postcode           VARCHAR CHECK (postcode IS NULL OR regexp_full_match(postcode, '[0-9]{4}')),
    max_hours_week     DOUBLE CHECK (max_hours_week IS NULL OR max_hours_week BETWEEN 0 AND 60),
    availability       VARCHAR NOT NULL DEFAULT '',
    spare_strains      VARCHAR[] NOT NULL DEFAULT [],
    transport_modes    VARCHAR[] NOT NULL DEFAULT [],
    max_commute_min    INTEGER CHECK (max_commute_min IS NULL OR max_commute_min >= 0),
    max_walk_m         INTEGER CHECK (max_walk_m IS NULL OR max_walk_m >= 0),
    danish_level       INTEGER CHECK (danish_level IS NULL OR danish_level BETWEEN 0 AND 3),
    driving_license    BOOLEAN,
    fleksjob_visitated BOOLEAN,
    wishes             VARCHAR NOT NULL DEFAULT '',
    experience         VARCHAR NOT NULL DEFAULT '',
    not_interested     VARCHAR NOT NULL DEFAULT '',
    status             VARCHAR NOT NULL DEFAULT 'unemployed'
        CHECK (status IN ('unemployed', 'internship', 'job', 'flex_job', 'education', 'clarified', 'ended')),
    team_id            VARCHAR REFERENCES teams (team_id),
    partner1_id        VARCHAR REFERENCES staff_keys (staff_id),
    partner2_id        VARCHAR REFERENCES staff_keys (staff_id),
    own_words          VARCHAR NOT NULL DEFAULT '',
    consent_note       VARCHAR NOT NULL DEFAULT '',
    consent_date       DATE,
    CHECK (partner1_id IS NULL OR partner2_id IS NULL OR partner1_id <> partner2_id)
);

CREATE TABLE job_keys (job_id VARCHAR PRIMARY KEY);
CREATE TABLE job_openings (
    job_id                VARCHAR PRIMARY KEY REFERENCES job_keys (job_id),
    employer_id           VARCHAR NOT NULL REFERENCES employer_keys (employer_id),
    title                 VARCHAR NOT NULL CHECK (length(trim(title)) > 0),
    description           VARCHAR NOT NULL DEFAULT '',
    job_type              VARCHAR NOT NULL
        CHECK (job_type IN ('ordinary', 'small_job', 'flex_job', 'internship', 'wage_subsidy', 'youth_job')),
    hours_min_week        DOUBLE CHECK (hours_min_week IS NULL OR hours_min_week BETWEEN 0 AND 60),
    hours_max_week        DOUBLE CHECK (hours_max_week IS NULL OR hours_max_week BETWEEN 0 AND 60),
    schedule              VARCHAR NOT NULL DEFAULT '',
    postcode              VARCHAR CHECK (postcode IS NULL OR regexp_full_match(postcode, '[0-9]{4}')),
    strains               VARCHAR[] NOT NULL DEFAULT [],
    removable_strains     VARCHAR[] NOT NULL DEFAULT [],
    danish_level_required INTEGER NOT NULL DEFAULT 0 CHECK (danish_level_required BETWEEN 0 AND 3),
    driving_required      BOOLEAN NOT NULL DEFAULT false,
    start_date            DATE,
    positions             INTEGER NOT NULL DEFAULT 1 CHECK (positions >= 1),
    deadline              DATE,
    status                VARCHAR NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'filled', 'closed')),
    team_id               VARCHAR REFERENCES teams (team_id),
    created_by            VARCHAR REFERENCES staff_keys (staff_id),
    created_at            TIMESTAMP NOT NULL DEFAULT current_timestamp,
    CHECK (hours_min_week IS NULL OR hours_max_week IS NULL OR hours_min_week <= hours_max_week)
);

-- Candidate list per job: the current state, and every dated change in candidate_events.
CREATE TABLE candidates (
    job_id          VARCHAR NOT NULL REFERENCES job_keys (job_id),
    citizen_id      VARCHAR NOT NULL REFERENCES citizen_keys (citizen_id),
    state           VARCHAR NOT NULL CHECK (state IN
        ('proposed', 'citizen_agreed', 'presented', 'interview', 'got_job', 'not_chosen', 'declined')),
    decision_id     VARCHAR,
    proposed_by     VARCHAR NOT NULL REFERENCES staff_keys (staff_id),
    proposed_at     TIMESTAMP NOT NULL,
    reason          VARCHAR NOT NULL DEFAULT '',
    tool_verdict    VARCHAR CHECK (tool_verdict IS NULL OR tool_verdict IN ('eligible', 'uncertain', 'excluded')),
    override_reason VARCHAR,
    citizen_agreed  BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (job_id, citizen_id),
    CHECK (tool_verdict IS DISTINCT FROM 'excluded' OR length(trim(coalesce(override_reason, ''))) > 0)
);

CREATE TABLE candidate_events (
    event_id   VARCHAR PRIMARY KEY,
    job_id     VARCHAR NOT NULL REFERENCES job_keys (job_id),
    citizen_id VARCHAR NOT NULL REFERENCES citizen_keys (citizen_id),
    state      VARCHAR NOT NULL,
    happened_at TIMESTAMP NOT NULL,
    staff_id   VARCHAR NOT NULL REFERENCES staff_keys (staff_id),
    note       VARCHAR NOT NULL DEFAULT ''
);

-- A team decision on a job, with the ranking exactly as it was shown (JSON).
CREATE TABLE match_decisions (
    decision_id  VARCHAR PRIMARY KEY,
    job_id       VARCHAR NOT NULL REFERENCES job_keys (job_id),
    decided_by   VARCHAR NOT NULL REFERENCES staff_keys (staff_id),
    decided_at   TIMESTAMP NOT NULL,
    reason       VARCHAR NOT NULL CHECK (length(trim(reason)) > 0),
    rule_version VARCHAR NOT NULL,
    ranking_json VARCHAR NOT NULL
);

CREATE TABLE candidate_notes (
    note_id    VARCHAR PRIMARY KEY,
    job_id     VARCHAR NOT NULL REFERENCES job_keys (job_id),
    citizen_id VARCHAR NOT NULL REFERENCES citizen_keys (citizen_id),
    staff_id   VARCHAR NOT NULL REFERENCES staff_keys (staff_id),
    happened_at TIMESTAMP NOT NULL,
    text       VARCHAR NOT NULL CHECK (length(trim(text)) > 0)
);

CREATE TABLE placement_keys (placement_id VARCHAR PRIMARY KEY);
CREATE TABLE placements (
    placement_id      VARCHAR PRIMARY KEY REFERENCES placement_keys (placement_id),
    citizen_id        VARCHAR NOT NULL REFERENCES citizen_keys (citizen_id),
    employer_id       VARCHAR NOT NULL REFERENCES employer_keys (employer_id),
    job_id            VARCHAR REFERENCES job_keys (job_id),
    placement_type    VARCHAR NOT NULL
        CHECK (placement_type IN ('ordinary', 'small_job', 'flex_job', 'internship', 'wage_subsidy', 'youth_job')),
    start_date        DATE NOT NULL,
    planned_end_date  DATE,
    hours_week        DOUBLE CHECK (hours_week IS NULL OR hours_week BETWEEN 0 AND 60),
    schedule          VARCHAR NOT NULL DEFAULT '',
    partner1_id       VARCHAR REFERENCES staff_keys (staff_id),
    partner2_id       VARCHAR REFERENCES staff_keys (staff_id),
    contact_id        VARCHAR REFERENCES contact_keys (contact_id),
    benefit_group     VARCHAR NOT NULL DEFAULT 'other'
        CHECK (benefit_group IN ('job_ready', 'dagpenge', 'new_graduate', 'other_kontanthjaelp', 'other')),
    employer_expects  VARCHAR NOT NULL DEFAULT '',
    citizen_expects   VARCHAR NOT NULL DEFAULT '',
    success_employer  VARCHAR NOT NULL DEFAULT '',
    success_citizen   VARCHAR NOT NULL DEFAULT '',
    agreed_strains    VARCHAR[] NOT NULL DEFAULT [],
    adaptations_note  VARCHAR NOT NULL DEFAULT '',
    path_to_paid      VARCHAR NOT NULL DEFAULT '',
    citizen_accepted  BOOLEAN NOT NULL DEFAULT false,
    employer_accepted BOOLEAN NOT NULL DEFAULT false,
    status            VARCHAR NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
    end_date          DATE,
    end_reason        VARCHAR CHECK (end_reason IS NULL OR end_reason IN
        ('got_ordinary_job', 'hours_up', 'health', 'employer', 'citizen_choice', 'other')),
    end_note          VARCHAR NOT NULL DEFAULT '',
    CHECK (planned_end_date IS NULL OR planned_end_date >= start_date),
    CHECK ((status = 'ended') = (end_date IS NOT NULL AND end_reason IS NOT NULL))
);

CREATE TABLE placement_hours (
    placement_id   VARCHAR NOT NULL REFERENCES placement_keys (placement_id),
    effective_date DATE NOT NULL,
    hours_week     DOUBLE NOT NULL CHECK (hours_week BETWEEN 0 AND 60),
    staff_id       VARCHAR REFERENCES staff_keys (staff_id),
    note           VARCHAR NOT NULL DEFAULT '',
    PRIMARY KEY (placement_id, effective_date)
);

CREATE TABLE followups (
    followup_id  VARCHAR PRIMARY KEY,
    placement_id VARCHAR NOT NULL REFERENCES placement_keys (placement_id),
    due_date     DATE NOT NULL,
    kind         VARCHAR NOT NULL CHECK (kind IN ('scheduled', 'statutory_review', 'ad_hoc')),
    with_whom    VARCHAR NOT NULL CHECK (with_whom IN ('citizen', 'employer', 'both')),
    status       VARCHAR NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    done_date    DATE,
    done_by      VARCHAR REFERENCES staff_keys (staff_id),
    outcome      VARCHAR CHECK (outcome IS NULL OR outcome IN ('thriving', 'concern', 'adjust', 'ending')),
    notes        VARCHAR NOT NULL DEFAULT '',
    initiated_by VARCHAR NOT NULL DEFAULT 'schedule' CHECK (initiated_by IN ('schedule', 'team', 'citizen', 'employer')),
    CHECK ((status = 'done') = (done_date IS NOT NULL)),
    CHECK ((done_date IS NULL) = (outcome IS NULL))
);

CREATE TABLE employer_merges (
    merge_id    VARCHAR PRIMARY KEY,
    kept_id     VARCHAR NOT NULL REFERENCES employer_keys (employer_id),
    merged_id   VARCHAR NOT NULL REFERENCES employer_keys (employer_id),
    staff_id    VARCHAR NOT NULL REFERENCES staff_keys (staff_id),
    happened_at TIMESTAMP NOT NULL,
    moved_json  VARCHAR NOT NULL,
    CHECK (kept_id <> merged_id)
);

-- Who viewed or changed what, and when. Never updated or deleted by the app.
CREATE SEQUENCE audit_seq;
CREATE TABLE audit_log (
    audit_id  BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
    happened_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    staff_id  VARCHAR,
    action    VARCHAR NOT NULL,
    entity    VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,
    detail    VARCHAR NOT NULL DEFAULT ''
);
