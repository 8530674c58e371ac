// The order life cycle as data, shared by the cloud API (which is authoritative) and the desktop sync client
// (which shows what is allowed offline). Pure: no I/O. Each transition names the permission it needs and the
// guards that must hold; `checkTransition` explains refusals in English and Indonesian.

export const ORDER_STATES = [
  'draft',
  'confirmed',
  'awaiting_payment',
  'paid',
  'in_production',
  'ready',
  'shipped',
  'completed',
  'cancelled',
  'refunded',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export type OrderGuard = 'has_lines' | 'has_manufacturer' | 'has_shipping_address';

export interface OrderTransition {
  from: OrderState;
  to: OrderState;
  /** Permission name from the cloud RBAC matrix. */
  permission: 'order.create' | 'order.process' | 'manufacturing.plan' | 'manufacturing.track';
  guards: readonly OrderGuard[];
}

const t = (from: OrderState, to: OrderState, permission: OrderTransition['permission'], guards: OrderGuard[] = []) =>
  ({ from, to, permission, guards }) as const satisfies OrderTransition;

export const ORDER_TRANSITIONS: readonly OrderTransition[] = [
  t('draft', 'confirmed', 'order.create', ['has_lines']),
  t('confirmed', 'awaiting_payment', 'order.process', ['has_lines']),
  t('awaiting_payment', 'paid', 'order.process'),
  t('paid', 'in_production', 'manufacturing.plan', ['has_manufacturer']),
  t('in_production', 'ready', 'manufacturing.track'),
  t('ready', 'shipped', 'order.process', ['has_shipping_address']),
  t('shipped', 'completed', 'order.process'),
  t('draft', 'cancelled', 'order.create'),
  t('confirmed', 'cancelled', 'order.process'),
  t('awaiting_payment', 'cancelled', 'order.process'),
  t('paid', 'refunded', 'order.process'),
  t('in_production', 'refunded', 'order.process'),
  t('ready', 'refunded', 'order.process'),
  t('shipped', 'refunded', 'order.process'),
  t('completed', 'refunded', 'order.process'),
];

export interface OrderFacts {
  lineCount: number;
  manufacturerId: string | null;
  hasShippingAddress: boolean;
}

export type TransitionCheck =
  | { ok: true; transition: OrderTransition }
  | { ok: false; code: 'unknown_transition' | 'forbidden' | 'guard_failed'; message: { en: string; id: string } };

const GUARD_MESSAGES: Record<OrderGuard, { en: string; id: string }> = {
  has_lines: { en: 'the order has no lines', id: 'pesanan belum memiliki baris item' },
  has_manufacturer: { en: 'no manufacturer is assigned', id: 'belum ada produsen yang ditugaskan' },
  has_shipping_address: { en: 'the order has no shipping address', id: 'pesanan belum memiliki alamat pengiriman' },
};

function guardHolds(g: OrderGuard, f: OrderFacts): boolean {
  switch (g) {
    case 'has_lines':
      return f.lineCount > 0;
    case 'has_manufacturer':
      return f.manufacturerId !== null;
    case 'has_shipping_address':
      return f.hasShippingAddress;
  }
}

export function findTransition(from: OrderState, to: OrderState): OrderTransition | undefined {
  return ORDER_TRANSITIONS.find((tr) => tr.from === from && tr.to === to);
}

export function allowedNextStates(from: OrderState): OrderState[] {
  return ORDER_TRANSITIONS.filter((tr) => tr.from === from).map((tr) => tr.to);
}

/** Cancelled and refunded orders never move again; a completed order can still be refunded. */
export function isTerminal(state: OrderState): boolean {
  return allowedNextStates(state).length === 0;
}

export function checkTransition(
  from: OrderState,
  to: OrderState,
  permissions: ReadonlySet<string>,
  facts: OrderFacts,
): TransitionCheck {
  const tr = findTransition(from, to);
  if (!tr) {
    return {
      ok: false,
      code: 'unknown_transition',
      message: { en: `an order cannot go from ${from} to ${to}`, id: `pesanan tidak dapat berubah dari ${from} ke ${to}` },
    };
  }
  if (!permissions.has(tr.permission)) {
    return {
      ok: false,
      code: 'forbidden',
      message: { en: `moving to ${to} needs permission ${tr.permission}`, id: `perubahan ke ${to} memerlukan izin ${tr.permission}` },
    };
  }
  const failed = tr.guards.find((g) => !guardHolds(g, facts));
  if (failed) return { ok: false, code: 'guard_failed', message: GUARD_MESSAGES[failed] };
  return { ok: true, transition: tr };
}
