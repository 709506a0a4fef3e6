-- Up Migration

-- Custom field definitions (issue 12): how the app shows and edits a key of a task's
-- `fields`, and what a valid value is. Tasks keep any JSON; nothing here constrains them.
CREATE TABLE field_definitions (
  org_uid uuid NOT NULL REFERENCES organizations (uid),
  uid uuid NOT NULL DEFAULT gen_random_uuid(),
  key text NOT NULL,
  label text NOT NULL,
  type text NOT NULL,
  -- [{value, label}] for single_select and multi_select, else null (checked by the API).
  options jsonb,
  currency text,
  help_text text NOT NULL DEFAULT '',
  required_for_completion boolean NOT NULL DEFAULT false,
  shown_in_backlog boolean NOT NULL DEFAULT false,
  position integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT tessera_now(),
  updated_at timestamptz NOT NULL DEFAULT tessera_now(),
  PRIMARY KEY (org_uid, uid),
  UNIQUE (org_uid, key)
);

-- Forms: sections of field keys, filled in the player before Complete or to create a task.
-- Items name definitions by key (sections is jsonb, so no foreign key): the API refuses a
-- form naming an unknown key and the deletion of a definition a form uses.
CREATE TABLE forms (
  org_uid uuid NOT NULL REFERENCES organizations (uid),
  uid uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  task_type text,
  sections jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT tessera_now(),
  updated_at timestamptz NOT NULL DEFAULT tessera_now(),
  PRIMARY KEY (org_uid, uid),
  UNIQUE (org_uid, name)
);

-- A queue's completion form. Deleting a form clears the column of its queues first, in the
-- same transaction (not ON DELETE SET NULL, which would null org_uid as well on PostgreSQL
-- before 15): the key only guards against a dangling reference.
ALTER TABLE queues
  ADD COLUMN form_uid uuid,
  ADD CONSTRAINT queues_form_fkey FOREIGN KEY (org_uid, form_uid) REFERENCES forms (org_uid, uid);
CREATE INDEX queues_by_form ON queues (org_uid, form_uid) WHERE form_uid IS NOT NULL;

-- The form a task was created or last completed with: a reference kept as given, like
-- case_uid (no key, so deleting a form leaves its tasks' history readable). No default: no
-- row is rewritten.
ALTER TABLE tasks ADD COLUMN metadata_form_uid uuid;
