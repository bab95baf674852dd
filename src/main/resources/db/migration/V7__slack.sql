-- Slack (issue 5): the durable outbox of Slack Web API work, incident channels, and the replay
-- guard of signed requests from Slack.

-- One unit of Slack work, stored in the transaction that caused it and done afterwards by
-- SlackDispatcher. Rows with the same order_key are done strictly in seq order (a channel is
-- created before anything is posted in it; posts appear in the order things happened).
create table slack_outbox (
    seq             bigserial    primary key,
    id              uuid         not null unique,
    kind            varchar(20)  not null,
    order_key       varchar(100) not null,
    incident_id     uuid         not null references incident (id),
    page_id         uuid         references page (id),
    notification_id uuid         references page_notification (id),
    level           integer,
    round           integer,
    -- the Slack user of a DM or an invitation
    slack_user_id   varchar(40),
    -- a channel post's frozen content: {"text": ..., "blocks": "<Block Kit JSON>"}
    body            text,
    status          varchar(12)  not null,
    attempts        integer      not null default 0,
    created_at      timestamptz  not null,
    next_attempt_at timestamptz  not null,
    lease_until     timestamptz,
    -- a post was attempted and its answer never came: look before posting again
    in_doubt        boolean      not null default false,
    sent_at         timestamptz,
    -- where the message landed, for chat.update
    channel_id      varchar(40),
    ts              varchar(40),
    -- bumped when the page changes; the message is re-rendered until rendered_seq catches up
    update_seq      integer      not null default 0,
    rendered_seq    integer      not null default 0,
    last_error      varchar(500),
    failure_reported boolean     not null default false,
    delay_reported  boolean      not null default false,
    constraint slack_outbox_kind check (kind in ('PAGE_DM', 'PAGE_CHANNEL', 'CHANNEL_POST', 'CREATE_CHANNEL', 'INVITE')),
    constraint slack_outbox_status check (status in ('PENDING', 'SENT', 'FAILED', 'CANCELLED'))
);
create index slack_outbox_due on slack_outbox (next_attempt_at) where status = 'PENDING';
create index slack_outbox_head on slack_outbox (order_key, seq) where status = 'PENDING';
create index slack_outbox_stale on slack_outbox (next_attempt_at) where status = 'SENT' and update_seq > rendered_seq;
create index slack_outbox_page on slack_outbox (page_id) where page_id is not null;
-- the incident channel gets one copy of each step of a page, and each person is invited once
create unique index slack_outbox_channel_copy on slack_outbox (page_id, level, round) where kind = 'PAGE_CHANNEL';
create unique index slack_outbox_invite on slack_outbox (incident_id, slack_user_id) where kind = 'INVITE';

-- The Slack channel of an incident (SEV1/SEV2 by default), created through the outbox.
create table slack_incident_channel (
    incident_id uuid         primary key references incident (id),
    name        varchar(80)  not null,
    channel_id  varchar(40)  unique,
    private     boolean      not null,
    status      varchar(12)  not null,
    created_at  timestamptz  not null,
    constraint slack_incident_channel_status check (status in ('PENDING', 'CREATED', 'FAILED'))
);

-- Signatures of accepted Slack requests, kept for the verification window: a second request with
-- the same timestamp and signature is a replay.
create table slack_request (
    request_ts  bigint       not null,
    signature   varchar(80)  not null,
    seen_at     timestamptz  not null,
    primary key (request_ts, signature)
);

-- Slack clicks and commands name their user by Slack id.
create index app_user_slack_user on app_user (slack_user_id) where slack_user_id is not null;
