// The material and machine libraries in the local store. On first use (empty tables) they are filled from the
// seed files in resources/; afterwards the store is the truth and every save is validated by the shared schemas.
// Pricing rules live in the settings table under one key, with defaults for whatever is missing.
import { ContractError, formatZodError } from '../../src-shared/contract/define';
import { machineProfileSchema, type MachineProfile } from '../../src-shared/materials/machine-schema';
import { materialSchema, type Material } from '../../src-shared/materials/material-schema';
import { pricingRulesSchema, type PricingRules } from '../../src-shared/pricing/rules';
import type { Db } from '../store/database';
import { defaultResourcesDir, loadSeedMachines, loadSeedMaterials } from './seeds';
import type { z } from 'zod';

const PRICING_KEY = 'quote.pricingRules';

type Table = 'materials' | 'machine_profiles';

export class LibraryService {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
    resourcesDir = defaultResourcesDir(),
  ) {
    this.seed('materials', () => loadSeedMaterials(resourcesDir));
    this.seed('machine_profiles', () => loadSeedMachines(resourcesDir));
  }

  private seed(table: Table, load: () => { id: string; name: string }[]): void {
    const { n } = this.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number };
    if (n > 0) return;
    const rows = load();
    const at = this.now().toISOString();
    const insert = this.db.prepare(`INSERT INTO ${table}(id, name, body, seed, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)`);
    this.db.transaction(() => {
      for (const r of rows) insert.run(r.id, r.name, JSON.stringify(r), at, at);
    })();
  }

  private list<T>(table: Table, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T[] {
    const rows = this.db.prepare(`SELECT body FROM ${table} ORDER BY name, id`).all() as { body: string }[];
    return rows.map((r) => schema.parse(JSON.parse(r.body)));
  }

  private get<T>(table: Table, schema: z.ZodType<T, z.ZodTypeDef, unknown>, id: string, what: string): T {
    const row = this.db.prepare(`SELECT body FROM ${table} WHERE id = ?`).get(id) as { body: string } | undefined;
    if (!row) {
      const ids = (this.db.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: string }[]).map((r) => r.id);
      throw new ContractError('NOT_FOUND', `unknown ${what} "${id}" (known: ${ids.join(', ')}) / ${what === 'material' ? 'bahan' : 'mesin'} "${id}" tidak dikenal`);
    }
    return schema.parse(JSON.parse(row.body));
  }

  private save<T extends { id: string; name: string }>(table: Table, schema: z.ZodType<T, z.ZodTypeDef, unknown>, input: unknown, what: string): T {
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw new ContractError('BAD_INPUT', `${what}: ${formatZodError(parsed.error)}`, parsed.error.issues);
    const value = parsed.data;
    const at = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO ${table}(id, name, body, seed, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, body = excluded.body, seed = 0, updated_at = excluded.updated_at`,
      )
      .run(value.id, value.name, JSON.stringify(value), at, at);
    return value;
  }

  listMaterials(): Material[] {
    return this.list('materials', materialSchema);
  }

  getMaterial(id: string): Material {
    return this.get('materials', materialSchema, id, 'material');
  }

  saveMaterial(input: unknown): Material {
    return this.save('materials', materialSchema, input, 'material');
  }

  listMachines(): MachineProfile[] {
    return this.list('machine_profiles', machineProfileSchema);
  }

  getMachine(id: string): MachineProfile {
    return this.get('machine_profiles', machineProfileSchema, id, 'machine');
  }

  saveMachine(input: unknown): MachineProfile {
    return this.save('machine_profiles', machineProfileSchema, input, 'machine');
  }

  getPricingRules(): PricingRules {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(PRICING_KEY) as { value: string } | undefined;
    if (!row) return pricingRulesSchema.parse({});
    const parsed = pricingRulesSchema.safeParse(JSON.parse(row.value));
    // Rules written by another version that no longer validate fall back to the defaults rather than block quoting.
    return parsed.success ? parsed.data : pricingRulesSchema.parse({});
  }

  savePricingRules(input: unknown): PricingRules {
    const parsed = pricingRulesSchema.safeParse(input);
    if (!parsed.success) throw new ContractError('BAD_INPUT', `pricing rules: ${formatZodError(parsed.error)}`, parsed.error.issues);
    this.db
      .prepare('INSERT INTO settings(key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(PRICING_KEY, JSON.stringify(parsed.data), this.now().toISOString());
    return parsed.data;
  }
}
