-- Escalation policies (spec §2/§3). Levels are JSON text: [{targets:[{type, region?, userId?}], ackTimeout?}].
create table escalation_policy (
    id            uuid primary key,
    name          varchar(100) not null unique,
    severities    varchar(100) not null default '',
    categories    text         not null default '',
    levels        text         not null,
    repeat_count  integer      not null check (repeat_count between 0 and 10),
    is_default    boolean      not null default false,
    created_order bigint generated always as identity,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null
);
create unique index escalation_policy_one_default on escalation_policy (is_default) where is_default;

insert into escalation_policy (id, name, levels, repeat_count, is_default, created_at, updated_at) values
  ('00000000-0000-0000-0000-00000000e5c1', 'Default',
   '[{"targets":[{"type":"ACTIVE_PRIMARY"}]},{"targets":[{"type":"ACTIVE_SECONDARY"}]},{"targets":[{"type":"REGION_MANAGER"}]},{"targets":[{"type":"DUTY_LEAD"}]}]',
   0, true, now(), now());
