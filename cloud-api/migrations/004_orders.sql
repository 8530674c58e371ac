-- Orders with lines and events; totals in IDR (whole rupiah) with PPN. The state column follows the transition
-- table in src-shared/orders/state-machine.ts.
CREATE TABLE orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  number text NOT NULL,
  state text NOT NULL,
  customer_user_id uuid REFERENCES users(id),
  customer jsonb NOT NULL,
  billing_address jsonb,
  shipping_address jsonb,
  manufacturer_id uuid REFERENCES users(id),
  due_at timestamptz,
  subtotal_idr bigint NOT NULL,
  tax_idr bigint NOT NULL,
  total_idr bigint NOT NULL,
  tax_rate_bp int NOT NULL,
  version int NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, number)
);
CREATE INDEX orders_org_created_idx ON orders (org_id, created_at, id);

CREATE TABLE order_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id),
  position int NOT NULL,
  product_id uuid REFERENCES products(id),
  description text NOT NULL,
  quantity int NOT NULL CHECK (quantity > 0),
  unit_price_idr bigint NOT NULL,
  line_total_idr bigint NOT NULL
);
CREATE INDEX order_lines_order_idx ON order_lines (order_id, position);

CREATE TABLE order_events (
  id bigserial PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL,
  from_state text,
  to_state text,
  actor_id uuid REFERENCES users(id),
  note text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_events_order_idx ON order_events (order_id, id);
