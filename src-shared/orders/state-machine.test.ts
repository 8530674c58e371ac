import { describe, expect, it } from 'vitest';
import { ORDER_STATES, ORDER_TRANSITIONS, allowedNextStates, checkTransition, isTerminal } from './state-machine';
import { computeOrderTotals } from './totals';

const all = new Set(['order.create', 'order.process', 'manufacturing.plan', 'manufacturing.track']);
const facts = { lineCount: 1, manufacturerId: 'm1', hasShippingAddress: true };

describe('order state machine', () => {
  it('walks the happy path draft → completed', () => {
    const path = ['draft', 'confirmed', 'awaiting_payment', 'paid', 'in_production', 'ready', 'shipped', 'completed'] as const;
    for (let i = 1; i < path.length; i++) expect(checkTransition(path[i - 1], path[i], all, facts).ok).toBe(true);
  });
  it('refuses skipping states and leaving terminal states', () => {
    expect(checkTransition('draft', 'paid', all, facts)).toMatchObject({ ok: false, code: 'unknown_transition' });
    expect(isTerminal('cancelled')).toBe(true);
    expect(isTerminal('refunded')).toBe(true);
    expect(isTerminal('completed')).toBe(false);
    expect(allowedNextStates('cancelled')).toEqual([]);
  });
  it('checks permissions and guards', () => {
    expect(checkTransition('paid', 'in_production', new Set(['order.process']), facts)).toMatchObject({ code: 'forbidden' });
    expect(checkTransition('paid', 'in_production', all, { ...facts, manufacturerId: null })).toMatchObject({
      code: 'guard_failed',
      message: { en: 'no manufacturer is assigned' },
    });
    expect(checkTransition('draft', 'confirmed', all, { ...facts, lineCount: 0 })).toMatchObject({ code: 'guard_failed' });
  });
  it('only names known states', () => {
    for (const tr of ORDER_TRANSITIONS) {
      expect(ORDER_STATES).toContain(tr.from);
      expect(ORDER_STATES).toContain(tr.to);
    }
  });
});

describe('IDR totals with PPN 11 %', () => {
  it('computes integer totals rounding half up once', () => {
    const t = computeOrderTotals([
      { quantity: 3, unitPriceIdr: 125_000 },
      { quantity: 1, unitPriceIdr: 50 },
    ]);
    expect(t.subtotalIdr).toBe(375_050);
    expect(t.taxIdr).toBe(41_256); // 41 255.5 → 41 256
    expect(t.totalIdr).toBe(416_306);
  });
  it('rejects fractional rupiah and non-positive quantities', () => {
    expect(() => computeOrderTotals([{ quantity: 0, unitPriceIdr: 1 }])).toThrow(/quantity/);
    expect(() => computeOrderTotals([{ quantity: 1, unitPriceIdr: 1.5 }])).toThrow(/whole rupiah/);
  });
});
