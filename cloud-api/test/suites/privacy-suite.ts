// Personal data rights and the retention job: export, correction, erasure that keeps tax records, and
// retention deleting expired data exactly once.
import { describe, expect, it } from 'vitest';
import { runRetention } from '../../src/privacy/retention';
import { PASSWORD, bearer, login, seedOrg, seedUser } from '../helpers';
import type { SuiteContext } from './context';

export function privacySuite(ctx: SuiteContext): void {
  describe('personal data', () => {
    it('exports, corrects and erases a customer, keeping the tax record of their orders', async () => {
      const org = await seedOrg(ctx.db);
      const admin = await seedUser(ctx.db, org, 'company_admin');
      const ta = await login(ctx.app, ctx.db, admin.email);
      const product = (await ctx.app.inject({ method: 'POST', url: '/api/v1/products', headers: bearer(ta), payload: { sku: 'PD-1', name: 'Opal 3mm', kind: 'sheet', priceIdr: 90_000 } })).json();
      const c = await seedUser(ctx.db, org, 'customer', { phone: '+62 811 000 111' });
      const tc = await login(ctx.app, ctx.db, c.email);
      const address = { line1: 'Jl. Merdeka 1', city: 'Bandung', province: 'Jawa Barat', postalCode: '40111' };
      const order = (await ctx.app.inject({ method: 'POST', url: '/api/v1/orders', headers: bearer(tc), payload: { billingAddress: address, shippingAddress: address, lines: [{ productId: product.id, quantity: 2 }] } })).json();

      const exp = await ctx.app.inject({ url: '/api/v1/me/personal-data', headers: bearer(tc) });
      expect(exp.statusCode, exp.body).toBe(200);
      expect(exp.json().profile).toMatchObject({ email: c.email, phone: '+62 811 000 111' });
      expect(exp.json().orders).toHaveLength(1);
      expect(exp.json().auditEvents.map((e: { action: string }) => e.action)).toContain('auth.login');

      const fix = await ctx.app.inject({ method: 'PATCH', url: '/api/v1/me/personal-data', headers: bearer(tc), payload: { name: 'Siti Rahma', phone: null } });
      expect(fix.json()).toMatchObject({ name: 'Siti Rahma', phone: null });
      expect((await ctx.app.inject({ method: 'PATCH', url: '/api/v1/me/personal-data', headers: bearer(tc), payload: { role: 'company_admin' } })).statusCode).toBe(400);

      expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/me/personal-data/erase', headers: bearer(tc), payload: { password: 'wrong password', confirm: 'ERASE' } })).statusCode).toBe(400);
      const erase = await ctx.app.inject({ method: 'POST', url: '/api/v1/me/personal-data/erase', headers: bearer(tc), payload: { password: PASSWORD, confirm: 'ERASE' } });
      expect(erase.statusCode, erase.body).toBe(200);
      expect(erase.json().ordersPseudonymised).toBe(1);

      expect((await ctx.app.inject({ url: '/api/v1/me', headers: bearer(tc) })).statusCode).toBe(401);
      expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: c.email, password: PASSWORD } })).statusCode).toBe(401);
      const [u] = await ctx.db.query<{ email: string; name: string; phone: string | null; password_hash: string | null; status: string }>('SELECT * FROM users WHERE id = $1', [c.id]);
      expect(u).toMatchObject({ name: 'Erased user', phone: null, password_hash: null, status: 'erased' });
      expect(u.email).not.toContain(c.email.split('@')[0]);
      const kept = (await ctx.app.inject({ url: `/api/v1/orders/${order.id}`, headers: bearer(ta) })).json();
      expect(kept).toMatchObject({ totalIdr: order.totalIdr, billingAddress: address, shippingAddress: null, customer: { name: 'customer user' } });
      expect(kept.customer.email).toBeUndefined();
      const left = await ctx.db.query('SELECT 1 FROM sender_outbox WHERE recipient = $1', [c.email]);
      expect(left).toHaveLength(0);

      const adminErase = await ctx.app.inject({ method: 'POST', url: '/api/v1/me/personal-data/erase', headers: bearer(ta), payload: { password: PASSWORD, confirm: 'ERASE' } });
      expect(adminErase.statusCode).toBe(409);
    });

    it('runs the retention job: removes expired data once and archives orders past the tax period', async () => {
      const org = await seedOrg(ctx.db);
      const u = await seedUser(ctx.db, org, 'designer');
      await ctx.db.query("INSERT INTO sender_outbox (channel, recipient, subject, body, created_at) VALUES ('email', $1, 's', 'code 123456', now() - interval '8 days')", [u.email]);
      await ctx.db.query("INSERT INTO login_challenges (user_id, email_code_hash, totp_required, expires_at) VALUES ($1, 'x', false, now() - interval '2 days')", [u.id]);
      await ctx.db.query(`INSERT INTO orders (org_id, number, state, customer, billing_address, subtotal_idr, tax_idr, total_idr, tax_rate_bp, created_at)
        VALUES ($1, 'OLD-1', 'completed', '{"name":"Old Co"}', '{"line1":"x"}', 100, 11, 111, 1100, now() - interval '11 years')`, [org]);
      const first = await runRetention(ctx.db);
      expect(first.senderOutbox).toBeGreaterThanOrEqual(1);
      expect(first.loginChallenges).toBeGreaterThanOrEqual(1);
      expect(first.ordersPastTaxRetention).toBe(1);
      const [old] = await ctx.db.query<{ customer: { name: string }; billing_address: unknown; total_idr: number }>("SELECT * FROM orders WHERE number = 'OLD-1'");
      expect(old).toMatchObject({ customer: { name: 'Archived customer' }, billing_address: null, total_idr: 111 });
      const second = await runRetention(ctx.db);
      expect(second).toMatchObject({ senderOutbox: 0, loginChallenges: 0, ordersPastTaxRetention: 0 });
    });
  });
}
