-- Vigil foundation schema: users and tokens, categories, severity policy, incidents,
-- participants, the append-only timeline and the audit log.

create table app_user (
    id            uuid primary key,
    handle        varchar(63)  not null,
    display_name  varchar(200) not null,
    email         varchar(320) not null,
    slack_user_id varchar(32),
    time_zone     varchar(64)  not null,
    roles         varchar(200) not null,
    languages     varchar(500) not null default '',
    active        boolean      not null default true,
    built_in      boolean      not null default false,
    created_at    timestamptz  not null
);
create unique index app_user_handle_uq on app_user (lower(handle));
create unique index app_user_email_uq on app_user (lower(email));
create index app_user_created_idx on app_user (created_at, id);

create table api_token (
    id         uuid primary key,
    user_id    uuid         not null references app_user (id),
    name       varchar(100) not null,
    token_hash char(64)     not null unique,
    hint       varchar(16)  not null,
    created_at timestamptz  not null,
    created_by uuid references app_user (id),
    revoked_at timestamptz,
    revoked_by uuid references app_user (id),
    bootstrap  boolean      not null default false
);
create index api_token_user_idx on api_token (user_id);

create table category (
    code                  varchar(64) primary key,
    name                  varchar(100) not null,
    description           text,
    restricted_by_default boolean      not null default false,
    built_in              boolean      not null default false,
    created_at            timestamptz  not null
);

insert into category (code, name, description, restricted_by_default, built_in, created_at) values
  ('ACCOUNT_INTEGRITY',    'Account integrity',    'Account takeover, impersonation, fake or compromised accounts', false, true, now()),
  ('ABUSE_HARASSMENT',     'Abuse and harassment', 'Targeted abuse, brigading, threats against people',             false, true, now()),
  ('MISINFORMATION',       'Misinformation',       'Coordinated or fast-spreading false information',              false, true, now()),
  ('CHILD_SAFETY',         'Child safety',         'Child sexual exploitation and abuse, grooming, endangerment',  true,  true, now()),
  ('VIOLENT_EXTREMISM',    'Violent extremism',    'Terrorist and violent extremist content or activity',          true,  true, now()),
  ('ILLEGAL_CONTENT',      'Illegal content',      'Content unlawful in a jurisdiction, legal takedown deadlines',  false, true, now()),
  ('HIGH_PROFILE_ACCOUNT', 'High-profile account', 'Incidents involving officials, celebrities, brands',           false, true, now()),
  ('LIVE_STREAM_HARM',     'Live-stream harm',     'Harm broadcast live: violence, self-harm, attacks',            false, true, now()),
  ('PLATFORM_INTEGRITY',   'Platform integrity',   'Spam waves, manipulation, classifier or tooling failures',     false, true, now()),
  ('OTHER',                'Other',                'Anything else',                                                false, true, now());

create table severity_policy (
    severity            varchar(8) primary key,
    description         varchar(500) not null,
    page_on_declare     boolean      not null,
    ack_timeout         bigint check (ack_timeout between 10 and 86400),
    leadership_notified boolean      not null,
    postmortem_required boolean      not null,
    updated_at          timestamptz  not null
);

insert into severity_policy values
  ('SEV1', 'Crisis: imminent real-world harm, mass exposure, regulatory deadline', true,  300,  true,  true,  now()),
  ('SEV2', 'Major: high-profile or fast-spreading harm',                           true,  900,  false, true,  now()),
  ('SEV3', 'Contained issue',                                                      true,  1800, false, false, now()),
  ('SEV4', 'Minor, tracked',                                                       false, null, false, false, now());

-- INC-<n>: unique under concurrency; a rolled-back declaration leaves a gap, which is fine.
create sequence incident_number_seq;

create table incident (
    id              uuid primary key,
    number          bigint       not null unique,
    title           varchar(200) not null,
    summary         text,
    category        varchar(64)  not null references category (code),
    severity        varchar(8)   not null,
    peak_severity   varchar(8)   not null,
    region          varchar(8)   not null,
    status          varchar(16)  not null,
    restricted      boolean      not null,
    commander_id    uuid references app_user (id),
    declared_by     uuid         not null references app_user (id),
    declared_at     timestamptz  not null,
    acknowledged_at timestamptz,
    mitigated_at    timestamptz,
    resolved_at     timestamptz,
    closed_at       timestamptz,
    cancelled_at    timestamptz,
    cancel_reason   text,
    updated_at      timestamptz  not null,
    version         integer      not null default 0
);
create index incident_declared_idx on incident (declared_at desc, id desc);
create index incident_status_idx on incident (status);

create table incident_participant (
    id          uuid primary key,
    incident_id uuid        not null references incident (id),
    user_id     uuid        not null references app_user (id),
    added_by    uuid references app_user (id),
    added_at    timestamptz not null,
    unique (incident_id, user_id)
);
create index incident_participant_user_idx on incident_participant (user_id);

create table timeline_entry (
    id                 uuid primary key,
    seq                bigint generated always as identity unique,
    incident_id        uuid        not null references incident (id),
    at                 timestamptz not null,
    recorded_at        timestamptz not null,
    type               varchar(40) not null,
    actor_id           uuid,
    actor_handle       varchar(63),
    actor_display_name varchar(200),
    text               text,
    data_json          text
);
create index timeline_entry_incident_idx on timeline_entry (incident_id, at, seq);

create table audit_entry (
    id                 uuid primary key,
    seq                bigint generated always as identity unique,
    at                 timestamptz not null,
    actor_id           uuid,
    actor_handle       varchar(63),
    actor_display_name varchar(200),
    action             varchar(64) not null,
    entity_type        varchar(40) not null,
    entity_id          varchar(80) not null,
    before_json        text,
    after_json         text
);
create index audit_entry_at_idx on audit_entry (at desc, seq desc);
create index audit_entry_entity_idx on audit_entry (entity_type, entity_id);
create index audit_entry_actor_idx on audit_entry (actor_id);

-- The timeline and the audit log are append-only: the database refuses edits, not just the code.
create function vigil_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name;
end $$;
create trigger timeline_entry_append_only before update or delete on timeline_entry
    for each row execute function vigil_append_only();
create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function vigil_append_only();
