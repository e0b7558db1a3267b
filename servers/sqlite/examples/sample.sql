-- A small shop: 60 customers, 24 products, 400 orders and their lines.
-- Load it with:  sqlite3 shop.db < examples/sample.sql
-- or, through the server:  ask the model to run the statements one by one with write_query.
-- Every value is computed from the row number, so the data is the same on every load.

PRAGMA foreign_keys = ON;

CREATE TABLE customers (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  email      TEXT NOT NULL UNIQUE,
  city       TEXT NOT NULL,
  country    TEXT NOT NULL,
  signed_up  TEXT NOT NULL            -- ISO date
);

CREATE TABLE products (
  id          INTEGER PRIMARY KEY,
  sku         TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  category    TEXT NOT NULL,
  price_cents INTEGER NOT NULL CHECK (price_cents > 0)
);

CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  placed_at   TEXT NOT NULL,          -- ISO date
  status      TEXT NOT NULL CHECK (status IN ('paid', 'shipped', 'delivered', 'refunded'))
);

CREATE TABLE order_items (
  order_id    INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  product_id  INTEGER NOT NULL REFERENCES products(id),
  quantity    INTEGER NOT NULL CHECK (quantity > 0),
  unit_cents  INTEGER NOT NULL,
  PRIMARY KEY (order_id, product_id)
);

CREATE INDEX orders_by_customer ON orders(customer_id);
CREATE INDEX orders_by_date ON orders(placed_at);
CREATE INDEX items_by_product ON order_items(product_id);

CREATE VIEW order_totals AS
  SELECT o.id AS order_id, o.customer_id, o.placed_at, o.status,
         sum(i.quantity * i.unit_cents) / 100.0 AS total
    FROM orders o JOIN order_items i ON i.order_id = o.id
   GROUP BY o.id;

INSERT INTO customers (id, name, email, city, country, signed_up)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60),
  first(k, v) AS (VALUES (0,'Ada'),(1,'Grace'),(2,'Alan'),(3,'Edsger'),(4,'Barbara'),(5,'Donald'),
                         (6,'Margaret'),(7,'Ken'),(8,'Radia'),(9,'Tim'),(10,'Frances'),(11,'John')),
  last(k, v) AS (VALUES (0,'Lovelace'),(1,'Hopper'),(2,'Turing'),(3,'Dijkstra'),(4,'Liskov'),
                        (5,'Knuth'),(6,'Hamilton'),(7,'Thompson'),(8,'Perlman'),(9,'Berners-Lee')),
  place(k, city, country) AS (VALUES (0,'London','UK'),(1,'Paris','France'),(2,'Berlin','Germany'),
                                     (3,'Lisbon','Portugal'),(4,'Oslo','Norway'),(5,'Madrid','Spain'),
                                     (6,'Leeds','UK'),(7,'Lyon','France'))
SELECT i, f.v || ' ' || l.v, lower(f.v || '.' || replace(l.v, '-', '') || i || '@example.com'),
       p.city, p.country, date('2022-01-01', '+' || ((i * 11) % 700) || ' days')
  FROM n JOIN first f ON f.k = i % 12 JOIN last l ON l.k = (i * 7) % 10 JOIN place p ON p.k = (i * 3) % 8;

INSERT INTO products (id, sku, name, category, price_cents) VALUES
  (1, 'TEA-001', 'Green tea, 100 g', 'tea', 850),
  (2, 'TEA-002', 'Earl Grey, 100 g', 'tea', 790),
  (3, 'TEA-003', 'Oolong, 50 g', 'tea', 1250),
  (4, 'TEA-004', 'Rooibos, 100 g', 'tea', 690),
  (5, 'COF-001', 'Espresso beans, 250 g', 'coffee', 1190),
  (6, 'COF-002', 'Filter blend, 500 g', 'coffee', 1690),
  (7, 'COF-003', 'Decaf, 250 g', 'coffee', 1090),
  (8, 'COF-004', 'Single origin Ethiopia, 250 g', 'coffee', 1490),
  (9, 'MUG-001', 'Stoneware mug', 'tableware', 1400),
  (10, 'MUG-002', 'Double-wall glass', 'tableware', 1800),
  (11, 'POT-001', 'Cast-iron teapot', 'tableware', 5900),
  (12, 'POT-002', 'Glass teapot', 'tableware', 3200),
  (13, 'BRW-001', 'Pour-over dripper', 'brewing', 2400),
  (14, 'BRW-002', 'French press', 'brewing', 3500),
  (15, 'BRW-003', 'Hand grinder', 'brewing', 6900),
  (16, 'BRW-004', 'Paper filters, 100', 'brewing', 550),
  (17, 'SNK-001', 'Almond biscotti', 'snacks', 650),
  (18, 'SNK-002', 'Dark chocolate, 70%', 'snacks', 420),
  (19, 'SNK-003', 'Shortbread tin', 'snacks', 980),
  (20, 'GFT-001', 'Tea sampler', 'gifts', 2900),
  (21, 'GFT-002', 'Coffee sampler', 'gifts', 3400),
  (22, 'GFT-003', 'Gift card 25', 'gifts', 2500),
  (23, 'GFT-004', 'Gift card 50', 'gifts', 5000),
  (24, 'TEA-005', 'Matcha, 30 g', 'tea', 1990);

INSERT INTO orders (id, customer_id, placed_at, status)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
SELECT i, 1 + (i * 37) % 60, date('2024-01-01', '+' || ((i * 13) % 365) || ' days'),
       CASE WHEN i % 23 = 0 THEN 'refunded' WHEN i % 5 = 0 THEN 'paid' WHEN i % 3 = 0 THEN 'shipped'
            ELSE 'delivered' END
  FROM n;

-- One to three lines per order, different products, prices as charged (some discounted).
INSERT INTO order_items (order_id, product_id, quantity, unit_cents)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400),
  line(k) AS (VALUES (0), (1), (2))
SELECT n.i, p.id, 1 + (n.i + k) % 3,
       CASE WHEN (n.i + k) % 10 = 0 THEN p.price_cents * 9 / 10 ELSE p.price_cents END
  FROM n JOIN line ON k <= n.i % 3
  JOIN products p ON p.id = 1 + (n.i * 7 + k * 5) % 24;
