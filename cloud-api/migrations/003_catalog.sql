-- Catalog: categories and products (acrylic sheets, services, finished designs) with attributes and IDR prices.
CREATE TABLE categories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL,
  slug text NOT NULL,
  parent_id uuid REFERENCES categories(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, slug)
);

CREATE TABLE products (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  sku text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('sheet','service','design')),
  category_id uuid REFERENCES categories(id),
  price_idr bigint NOT NULL CHECK (price_idr >= 0),
  attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, sku)
);
CREATE INDEX products_org_created_idx ON products (org_id, created_at, id);
CREATE INDEX products_org_name_idx ON products (org_id, name, id);
CREATE INDEX products_org_price_idx ON products (org_id, price_idr, id);
CREATE INDEX products_attributes_idx ON products USING gin (attributes jsonb_path_ops);
