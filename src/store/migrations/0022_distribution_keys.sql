-- Up Migration

-- Ready to be distributed by organization (issue 17, docs/SCALING.md): in Citus-style
-- sharding by org_uid, a unique index can only be enforced when it holds the distribution
-- column, and a foreign key only between rows of one organization. Every unique index of a
-- table with an org_uid column now includes it, and every foreign key between such tables
-- joins on it (test/api/org-scoped-statements.test.ts checks both, and every statement).
--
-- org_uid goes last in the rebuilt keys: each index keeps serving the lookups it served
-- (a token by its hash, a delivery or a job by its id), and each table keeps as many
-- indexes as before, so writes cost what they did. Values stay unique as they were: a key
-- that was unique alone is unique with org_uid added, and rows of one organization only
-- ever referenced users of that organization, which the new keys now also guarantee.
-- Rebuilding task_events_pkey reads the whole history once, with task writes waiting
-- (measured below in docs/SCALING.md).

-- Users: referenced by (org_uid, uid) from now on.
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_user_uid_fkey;
ALTER TABLE task_comments DROP CONSTRAINT task_comments_author_uid_fkey;
ALTER TABLE player_sessions DROP CONSTRAINT player_sessions_user_uid_fkey;
ALTER TABLE sessions DROP CONSTRAINT sessions_user_uid_fkey;
ALTER TABLE player_skips DROP CONSTRAINT player_skips_user_uid_fkey;
ALTER TABLE views DROP CONSTRAINT views_owner_uid_fkey;
ALTER TABLE sso_settings DROP CONSTRAINT sso_settings_break_glass_user_uid_fkey;
ALTER TABLE notifications DROP CONSTRAINT notifications_user_uid_fkey;

ALTER TABLE users DROP CONSTRAINT users_pkey, ADD PRIMARY KEY (uid, org_uid);

ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_user_fkey
  FOREIGN KEY (org_uid, user_uid) REFERENCES users (org_uid, uid);
ALTER TABLE task_comments ADD CONSTRAINT task_comments_author_fkey
  FOREIGN KEY (org_uid, author_uid) REFERENCES users (org_uid, uid);
ALTER TABLE player_sessions ADD CONSTRAINT player_sessions_user_fkey
  FOREIGN KEY (org_uid, user_uid) REFERENCES users (org_uid, uid);
ALTER TABLE sessions ADD CONSTRAINT sessions_user_fkey
  FOREIGN KEY (org_uid, user_uid) REFERENCES users (org_uid, uid);
ALTER TABLE player_skips ADD CONSTRAINT player_skips_user_fkey
  FOREIGN KEY (org_uid, user_uid) REFERENCES users (org_uid, uid) ON DELETE CASCADE;
ALTER TABLE views ADD CONSTRAINT views_owner_fkey
  FOREIGN KEY (org_uid, owner_uid) REFERENCES users (org_uid, uid);
-- MATCH SIMPLE (the default): a policy without a break-glass user is not checked.
ALTER TABLE sso_settings ADD CONSTRAINT sso_settings_break_glass_user_fkey
  FOREIGN KEY (org_uid, break_glass_user_uid) REFERENCES users (org_uid, uid);
ALTER TABLE notifications ADD CONSTRAINT notifications_user_fkey
  FOREIGN KEY (org_uid, user_uid) REFERENCES users (org_uid, uid) ON DELETE CASCADE;

-- Credentials: a request finds its organization by the hash of what it presents, so the
-- hash leads; it is unique by construction (SHA-256 of 256 random bits).
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_pkey, ADD PRIMARY KEY (uid, org_uid),
  DROP CONSTRAINT api_tokens_token_hash_key,
  ADD CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash, org_uid);
ALTER TABLE sessions DROP CONSTRAINT sessions_pkey, ADD PRIMARY KEY (uid, org_uid),
  DROP CONSTRAINT sessions_secret_hash_key,
  ADD CONSTRAINT sessions_secret_hash_key UNIQUE (secret_hash, org_uid);
ALTER TABLE sso_logins DROP CONSTRAINT sso_logins_pkey, ADD PRIMARY KEY (state_hash, org_uid);

ALTER TABLE task_comments DROP CONSTRAINT task_comments_pkey, ADD PRIMARY KEY (uid, org_uid);

-- The history is only ever read by task (org_uid, task_uid, id): that index becomes the
-- primary key, and the one on id alone, which nothing reads, goes. Every task write inserts
-- history, so it now maintains one index fewer.
ALTER TABLE task_events DROP CONSTRAINT task_events_pkey,
  ADD PRIMARY KEY (org_uid, task_uid, id);
DROP INDEX task_events_by_task;

-- Outboxes: ids from one sequence per table, unique alone as before; claims order by id.
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_pkey,
  ADD PRIMARY KEY (id, org_uid),
  DROP CONSTRAINT webhook_deliveries_uid_key,
  ADD CONSTRAINT webhook_deliveries_uid_key UNIQUE (uid, org_uid);
ALTER TABLE automation_jobs DROP CONSTRAINT automation_jobs_pkey, ADD PRIMARY KEY (id, org_uid);
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_pkey,
  ADD PRIMARY KEY (id, org_uid),
  DROP CONSTRAINT notification_outbox_uid_key,
  ADD CONSTRAINT notification_outbox_uid_key UNIQUE (uid, org_uid);
ALTER TABLE notifications DROP CONSTRAINT notifications_pkey, ADD PRIMARY KEY (id, org_uid),
  DROP CONSTRAINT notifications_uid_key,
  ADD CONSTRAINT notifications_uid_key UNIQUE (uid, org_uid);
