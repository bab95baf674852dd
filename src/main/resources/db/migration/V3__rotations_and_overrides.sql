-- Rotations per region and layer. A rotation is edited by adding a version effective from the
-- moment of the edit, so answers about the past never change.

create table rotation (
    id         uuid primary key,
    region     varchar(8)  not null references region (code),
    layer      varchar(16) not null,
    created_by uuid references app_user (id),
    created_at timestamptz not null,
    unique (region, layer)
);

create table rotation_version (
    id             uuid primary key,
    rotation_id    uuid        not null references rotation (id),
    effective_from timestamptz not null,
    participants   text        not null,
    shift_length   bigint      not null check (shift_length >= 3600),
    first_handoff  timestamp   not null,
    created_by     uuid references app_user (id),
    created_at     timestamptz not null
);
create index rotation_version_rotation_idx on rotation_version (rotation_id, effective_from);

create table oncall_override (
    id         uuid primary key,
    region     varchar(8)  not null references region (code),
    layer      varchar(16) not null,
    user_id    uuid        not null references app_user (id),
    start_at   timestamptz not null,
    end_at     timestamptz not null check (end_at > start_at),
    created_by uuid references app_user (id),
    created_at timestamptz not null
);
create index oncall_override_layer_idx on oncall_override (region, layer, start_at);
