// Machines (serial or MQTT), the job queue and history, and each job's event log. The per-machine calibration
// factor is derived from the jobs (actual ÷ estimated seconds of recent completed jobs), so it is not stored.
import type { Migration } from './types';

export const migration003: Migration = {
  version: 3,
  name: 'machines',
  up: `
    CREATE TABLE machines (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('serial', 'mqtt')),
      port_path TEXT,
      baud INTEGER,
      mqtt_url TEXT,
      mqtt_machine_id TEXT,
      mqtt_username TEXT,
      mqtt_password TEXT,
      profile_id TEXT REFERENCES machine_profiles(id) ON DELETE SET NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((kind = 'serial' AND port_path IS NOT NULL) OR (kind = 'mqtt' AND mqtt_url IS NOT NULL AND mqtt_machine_id IS NOT NULL))
    );
    CREATE TABLE jobs (
      id TEXT PRIMARY KEY,
      machine_id TEXT NOT NULL REFERENCES machines(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      design_id TEXT REFERENCES designs(id) ON DELETE SET NULL,
      material_id TEXT REFERENCES materials(id) ON DELETE SET NULL,
      operator TEXT NOT NULL DEFAULT '',
      gcode TEXT NOT NULL,
      total_lines INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'paused', 'done', 'aborted', 'failed', 'interrupted')),
      queue_position INTEGER,
      estimate_s REAL,
      calibration REAL NOT NULL DEFAULT 1,
      actual_s REAL,
      sent_lines INTEGER NOT NULL DEFAULT 0,
      acked_lines INTEGER NOT NULL DEFAULT 0,
      start_line INTEGER NOT NULL DEFAULT 0,
      resume_from INTEGER,
      reason TEXT,
      error_kind TEXT CHECK (error_kind IN ('error', 'alarm')),
      error_code INTEGER,
      error_line INTEGER,
      created_at TEXT NOT NULL,
      started_at TEXT,
      finished_at TEXT
    );
    CREATE INDEX jobs_machine_created ON jobs(machine_id, created_at DESC);
    CREATE INDEX jobs_status ON jobs(status, queue_position);
    CREATE TABLE job_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
      at TEXT NOT NULL,
      type TEXT NOT NULL,
      line INTEGER,
      code INTEGER,
      message_en TEXT NOT NULL,
      message_id TEXT NOT NULL
    );
    CREATE INDEX job_log_job ON job_log(job_id, id);
  `,
};
