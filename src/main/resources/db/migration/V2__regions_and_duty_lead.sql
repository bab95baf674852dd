-- Follow-the-sun regions (spec §2 defaults) and the global CRT duty lead.

create table region (
    code           varchar(8) primary key,
    time_zone      varchar(64) not null,
    coverage_start time        not null,
    coverage_end   time        not null check (coverage_end <> coverage_start),
    manager_id     uuid references app_user (id),
    updated_at     timestamptz not null
);

insert into region (code, time_zone, coverage_start, coverage_end, updated_at) values
  ('APAC', 'Asia/Singapore',      '08:00', '16:00', now()),
  ('EMEA', 'Europe/Dublin',       '08:00', '16:00', now()),
  ('AMER', 'America/Los_Angeles', '08:00', '16:00', now());

-- One row: the last escalation level of every default policy.
create table duty_lead (
    id         smallint primary key default 1 check (id = 1),
    user_id    uuid references app_user (id),
    updated_at timestamptz not null
);
insert into duty_lead (id, user_id, updated_at) values (1, null, now());
