-- Post-mortems and their action items (issue 6).

create table postmortem (
    id                    uuid primary key,
    incident_id           uuid         not null unique references incident (id),
    status                varchar(12)  not null,
    summary               text,
    impact                text,
    root_cause            text,
    contributing_factors  text,
    went_well             text,
    went_wrong            text,
    -- the incident's timeline as it was when the post-mortem was created (JSON array)
    timeline              text         not null,
    time_to_acknowledge_s bigint,
    time_to_mitigate_s    bigint,
    time_to_resolve_s     bigint,
    created_by            uuid         references app_user (id),
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null,
    published_at          timestamptz,
    version               integer      not null default 0,
    constraint postmortem_status check (status in ('DRAFT', 'IN_REVIEW', 'PUBLISHED'))
);
create index postmortem_status on postmortem (status);

create table action_item (
    id            uuid primary key,
    postmortem_id uuid         not null references postmortem (id),
    incident_id   uuid         not null references incident (id),
    title         varchar(300) not null,
    owner_id      uuid         references app_user (id),
    due_date      date,
    priority      varchar(8)   not null,
    status        varchar(12)  not null,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    done_at       timestamptz,
    version       integer      not null default 0,
    constraint action_item_status check (status in ('OPEN', 'IN_PROGRESS', 'DONE')),
    constraint action_item_priority check (priority in ('HIGH', 'MEDIUM', 'LOW'))
);
create index action_item_postmortem on action_item (postmortem_id);
create index action_item_open on action_item (status, due_date);
create index action_item_owner on action_item (owner_id);
