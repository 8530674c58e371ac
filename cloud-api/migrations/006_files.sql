-- Uploaded design files, content-addressed (one stored copy per SHA-256 per organisation), and their links to
-- orders and designs.
CREATE TABLE files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint NOT NULL,
  media_type text NOT NULL,
  original_name text NOT NULL,
  uploaded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, sha256)
);

CREATE TABLE file_links (
  file_id uuid NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id),
  target_type text NOT NULL CHECK (target_type IN ('order', 'design')),
  target_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (file_id, target_type, target_id)
);
CREATE INDEX file_links_target_idx ON file_links (org_id, target_type, target_id);
