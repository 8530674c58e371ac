// Order schemas and the row → API mapping, shared by the order routes.
import { z } from 'zod';
import { ORDER_STATES, allowedNextStates, checkTransition, type OrderState } from '../../../src-shared/orders/state-machine';
import { addressSchema, orderCustomerSchema } from '../../../src-shared/orders/schemas';
import type { Principal } from '../rbac/principal';

export const Address = addressSchema;

export const Customer = orderCustomerSchema;

export const OrderLine = z.object({
  id: z.string().uuid(),
  position: z.number().int(),
  productId: z.string().uuid().nullable(),
  description: z.string(),
  quantity: z.number().int(),
  unitPriceIdr: z.number().int(),
  lineTotalIdr: z.number().int(),
});

export const Order = z.object({
  id: z.string().uuid(),
  number: z.string(),
  state: z.enum(ORDER_STATES),
  customer: Customer,
  customerUserId: z.string().uuid().nullable(),
  billingAddress: Address.nullable(),
  shippingAddress: Address.nullable(),
  manufacturerId: z.string().uuid().nullable(),
  dueAt: z.string().nullable(),
  currency: z.literal('IDR'),
  subtotalIdr: z.number().int(),
  taxIdr: z.number().int(),
  totalIdr: z.number().int(),
  taxRateBp: z.number().int(),
  version: z.number().int(),
  lines: z.array(OrderLine),
  allowedTransitions: z.array(z.enum(ORDER_STATES)),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export interface OrderRow {
  id: string;
  org_id: string;
  number: string;
  state: OrderState;
  customer_user_id: string | null;
  customer: z.infer<typeof Customer>;
  billing_address: z.infer<typeof Address> | null;
  shipping_address: z.infer<typeof Address> | null;
  manufacturer_id: string | null;
  due_at: Date | null;
  subtotal_idr: number;
  tax_idr: number;
  total_idr: number;
  tax_rate_bp: number;
  version: number;
  created_at: Date;
  updated_at: Date;
  sort_key?: string;
}

export interface LineRow {
  id: string;
  position: number;
  product_id: string | null;
  description: string;
  quantity: number;
  unit_price_idr: number;
  line_total_idr: number;
}

export const orderFacts = (o: OrderRow, lineCount: number) => ({
  lineCount,
  manufacturerId: o.manufacturer_id,
  hasShippingAddress: o.shipping_address !== null,
});

export function orderView(o: OrderRow, lines: LineRow[], p: Principal): z.infer<typeof Order> {
  const facts = orderFacts(o, lines.length);
  return {
    id: o.id, number: o.number, state: o.state, customer: o.customer, customerUserId: o.customer_user_id,
    billingAddress: o.billing_address, shippingAddress: o.shipping_address, manufacturerId: o.manufacturer_id,
    dueAt: o.due_at ? new Date(o.due_at).toISOString() : null, currency: 'IDR',
    subtotalIdr: Number(o.subtotal_idr), taxIdr: Number(o.tax_idr), totalIdr: Number(o.total_idr), taxRateBp: o.tax_rate_bp,
    version: o.version,
    lines: lines.map((l) => ({
      id: l.id, position: l.position, productId: l.product_id, description: l.description, quantity: l.quantity,
      unitPriceIdr: Number(l.unit_price_idr), lineTotalIdr: Number(l.line_total_idr),
    })),
    allowedTransitions: allowedNextStates(o.state).filter((to) => checkTransition(o.state, to, p.permissions, facts).ok),
    createdAt: new Date(o.created_at).toISOString(), updatedAt: new Date(o.updated_at).toISOString(),
  };
}
