// Creates the platform organisation and its first Super Admin from BOOTSTRAP_ADMIN_EMAIL/PASSWORD when no super
// admin exists yet, so a fresh deployment can be signed into. Idempotent across restarts and replicas.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/db';
import { hashPassword } from '../auth/passwords';
import { appendAudit } from '../audit/audit';

export async function ensureBootstrapAdmin(db: Db, admin: { email: string; password: string }, log: FastifyBaseLogger): Promise<void> {
  const hash = await hashPassword(admin.password);
  await db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(4242002)');
    const existing = await q.query("SELECT 1 FROM users WHERE role = 'super_admin' LIMIT 1");
    if (existing.length) return;
    const [org] = await q.query<{ id: string }>(
      "INSERT INTO organisations (name, slug) VALUES ('AcrylicHub Platform', 'platform') ON CONFLICT (slug) DO UPDATE SET name = excluded.name RETURNING id",
    );
    const [user] = await q.query<{ id: string }>(
      "INSERT INTO users (org_id, email, name, role, password_hash) VALUES ($1, $2, 'Platform admin', 'super_admin', $3) RETURNING id",
      [org.id, admin.email, hash],
    );
    await appendAudit(q, { orgId: org.id, actorId: null, actorKind: 'system', action: 'user.bootstrap_admin', targetType: 'user', targetId: user.id });
    log.info({ email: admin.email }, 'bootstrap super admin created');
  });
}
