-- One calendar-feed secret per user (a new one replaces the old); stored hashed like API tokens.
create table calendar_token (
    user_id    uuid primary key references app_user (id),
    token_hash char(64)    not null unique,
    created_at timestamptz not null
);
