// Live and saved quotes. compute() prices a request without writing anything (the quote panel calls it on every
// change; the design analysis is cached per design, so only what the change affects is redone). save() computes
// first and writes the quote, its lines and a snapshot of every input (design geometry, material, machine,
// pricing rules, request) in one transaction under the next number of the year, so a failed save leaves nothing
// behind and recompute() reproduces a saved quote exactly, whatever was edited in the libraries since.
import { v7 as uuidv7 } from 'uuid';
import { recordSavedQuote, remoteQuoteMessage } from '../sync/quote-link';
import { quoteNumber } from '../sync/quote-number';
import { SyncStore } from '../sync/sync-store';
import { z } from 'zod';
import {
  quoteComputationSchema,
  type QuoteRequestData,
  type QuoteSaveData,
  type QuoteSummary,
  type SavedQuote,
} from '../../src-shared/contract/channels/quote';
import { ContractError } from '../../src-shared/contract/define';
import { findingSchema, layerSchema, pathSchema } from '../../src-shared/contract/geometry-schemas';
import { analyzeDesign, type DesignInput } from '../../src-shared/estimate/analyze';
import { AnalysisCache } from '../../src-shared/estimate/cache';
import { MaterialUseError } from '../../src-shared/estimate/material-use';
import { computeQuote, QuoteInputError, type QuoteComputation, type QuoteContext } from '../../src-shared/estimate/quote-engine';
import type { MachineTimeModel } from '../../src-shared/estimate/time-model';
import { machineProfileSchema } from '../../src-shared/materials/machine-schema';
import { materialSchema } from '../../src-shared/materials/material-schema';
import { MaterialSelectionError } from '../../src-shared/materials/select';
import { PricingError } from '../../src-shared/pricing/compute';
import { pricingRulesSchema, quoteOptionsSchema } from '../../src-shared/pricing/rules';
import type { DesignService } from '../services/design-service';
import type { Db } from '../store/database';
import type { LibraryService } from './library-service';

/** Everything a saved quote needs to be recomputed, stored as JSON in quotes.inputs. */
const storedInputsSchema = z.object({
  version: z.literal(1),
  request: z.object({
    materialId: z.string(),
    thicknessMm: z.number().optional(),
    machineId: z.string(),
    quantity: z.number().int(),
    options: quoteOptionsSchema,
    currency: z.string(),
    lang: z.enum(['en', 'id']),
    nest: z.object({ sheetId: z.string().optional(), sheets: z.number().int() }).optional(),
  }),
  design: z.object({
    name: z.string(),
    designId: z.string().optional(),
    revision: z.number().int().optional(),
    paths: z.array(pathSchema),
    layers: z.array(layerSchema),
    findings: z.array(findingSchema),
  }),
  material: materialSchema,
  machine: machineProfileSchema,
  rules: pricingRulesSchema,
});
type StoredInputs = z.infer<typeof storedInputsSchema>;

/** A design already in memory (e.g. an import), quoted without going through the design library. */
export interface ImportedDesign {
  input: DesignInput;
  name: string;
  key?: string;
}

/** A design to quote; its geometry is loaded only when the analysis cache misses or the quote is saved. */
interface ResolvedDesign {
  name: string;
  key?: string;
  designId?: string;
  revision?: number;
  load(): DesignInput;
}

const fromImport = (d: ImportedDesign): ResolvedDesign => ({ name: d.name, key: d.key, load: () => d.input });

interface QuoteRow {
  id: string;
  number: string;
  customer_name: string;
  design_name: string;
  material_id: string;
  quantity: number;
  currency: string;
  total_idr: number;
  manual_review: number;
  inputs: string;
  result: string;
  valid_until: string;
  created_at: string;
}

export interface QuoteServiceOptions {
  designs?: DesignService;
  /** The machine used when a request names none (e.g. the settings' default machine). */
  defaultMachineId?: () => string | undefined;
  timeModel?: MachineTimeModel;
  cache?: AnalysisCache;
}

/** Errors of the pure quote code that mean "the request is wrong" become BAD_INPUT with their message. */
export function asContractError(err: unknown): unknown {
  if (err instanceof QuoteInputError || err instanceof PricingError || err instanceof MaterialSelectionError || err instanceof MaterialUseError) {
    return new ContractError('BAD_INPUT', err.message);
  }
  return err;
}

export class QuoteService {
  private readonly cache: AnalysisCache;

  constructor(
    private readonly db: Db,
    private readonly library: LibraryService,
    private readonly now: () => Date = () => new Date(),
    private readonly opts: QuoteServiceOptions = {},
  ) {
    this.cache = opts.cache ?? new AnalysisCache();
  }

  private resolveDesign(design: QuoteRequestData['design']): ResolvedDesign {
    if ('designId' in design) {
      const designs = this.opts.designs;
      if (!designs) throw new ContractError('UNAVAILABLE', 'the design library is not available here: give the geometry inline');
      // Name and revision only: the body (paths) is read and parsed when the analysis is not cached yet.
      const row = this.db.prepare('SELECT name, latest_revision FROM designs WHERE id = ? AND deleted_at IS NULL').get(design.designId) as
        | { name: string; latest_revision: number }
        | undefined;
      if (!row) throw new ContractError('NOT_FOUND', `No design ${design.designId}`);
      const revision = design.revision ?? row.latest_revision;
      return {
        name: row.name,
        key: `design:${design.designId}@${revision}`,
        designId: design.designId,
        revision,
        load: () => designs.get(design.designId, revision),
      };
    }
    return { name: design.name, key: design.key === undefined ? undefined : `inline:${design.key}`, load: () => design };
  }

  private context(req: QuoteRequestData): QuoteContext & { machineId: string } {
    const machineId = req.machineId ?? this.opts.defaultMachineId?.() ?? this.library.listMachines()[0]?.id;
    if (!machineId) throw new ContractError('NOT_FOUND', 'no machine profile in the library: add one first');
    return {
      material: this.library.getMaterial(req.materialId),
      machine: this.library.getMachine(machineId),
      rules: this.library.getPricingRules(),
      timeModel: this.opts.timeModel,
      machineId,
    };
  }

  private run(design: ResolvedDesign, req: QuoteRequestData, ctx: QuoteContext): QuoteComputation {
    try {
      const analysis = this.cache.get(() => design.load(), design.key);
      return computeQuote(analysis, {
        quantity: req.quantity,
        thicknessMm: req.thicknessMm,
        options: req.options,
        currency: req.currency,
        lang: req.lang,
        nest: req.nest,
      }, ctx);
    } catch (err) {
      throw asContractError(err);
    }
  }

  /**
   * A live quote: nothing is written. `imported` replaces `req.design` with an import already in memory (the CLI
   * passes importFile's result so its contours are not built twice).
   */
  compute(req: QuoteRequestData, imported?: ImportedDesign): QuoteComputation {
    return this.run(imported ? fromImport(imported) : this.resolveDesign(req.design), req, this.context(req));
  }

  /** Computes, then writes the quote and its lines in one transaction. */
  save(input: QuoteSaveData, imported?: ImportedDesign): SavedQuote {
    const design = imported ? fromImport(imported) : this.resolveDesign(input.design);
    const geometry = design.load();
    const ctx = this.context(input);
    const result = this.run(design, input, ctx);
    const now = this.now();
    const at = now.toISOString();
    const year = now.getUTCFullYear();
    const validity = input.validityDays ?? ctx.rules.validityDays;
    const validUntil = new Date(now.getTime() + validity * 86_400_000).toISOString().slice(0, 10);
    const inputs: StoredInputs = {
      version: 1,
      request: {
        materialId: input.materialId,
        thicknessMm: result.material.thicknessMm,
        machineId: ctx.machineId,
        quantity: input.quantity,
        options: input.options,
        currency: input.currency,
        lang: input.lang,
        nest: input.nest,
      },
      design: {
        name: design.name,
        designId: design.designId,
        revision: design.revision,
        paths: [...geometry.paths],
        layers: [...geometry.layers],
        findings: [...(geometry.findings ?? [])],
      },
      material: ctx.material,
      machine: ctx.machine,
      rules: ctx.rules,
    };
    const id = uuidv7();
    this.db.transaction(() => {
      const { seq } = this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM quotes WHERE year = ?').get(year) as { seq: number };
      const number = quoteNumber(this.db, year, seq);
      this.db
        .prepare(
          `INSERT INTO quotes(id, number, year, seq, customer_name, design_name, design_id, design_revision, material_id, machine_id,
             quantity, currency, lang, subtotal_idr, tax_idr, total_idr, manual_review, inputs, result, valid_until, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id, number, year, seq, input.customerName, design.name, design.designId ?? null, design.revision ?? null, input.materialId, ctx.machineId,
          input.quantity, input.currency, input.lang, result.price.subtotalIdr, result.price.taxIdr, result.price.totalIdr,
          result.manualReview ? 1 : 0, JSON.stringify(inputs), JSON.stringify(result), validUntil, at, at,
        );
      const line = this.db.prepare('INSERT INTO quote_lines(quote_id, position, code, label, formula, amount_idr) VALUES (?, ?, ?, ?, ?, ?)');
      result.price.lines.forEach((l, i) => line.run(id, i, l.code, l.label, l.formula, l.amountIdr));
      // Queue the quote for the cloud in the same transaction: saved and queued, or neither.
      recordSavedQuote(new SyncStore(this.db, this.now), {
        id, number, customerName: input.customerName, designName: design.name, materialId: input.materialId, quantity: input.quantity,
        currency: input.currency, totalIdr: result.price.totalIdr, manualReview: result.manualReview, validUntil, createdAt: at,
        designId: design.designId ?? null, machineId: ctx.machineId,
      });
    })();
    return this.get(id);
  }

  list(search: string | undefined, limit: number): QuoteSummary[] {
    const like = `%${(search ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = this.db
      .prepare(
        `SELECT id, number, customer_name, design_name, material_id, quantity, currency, total_idr, manual_review, valid_until, created_at
         FROM quote_list WHERE number LIKE @like ESCAPE '\\' OR customer_name LIKE @like ESCAPE '\\' OR design_name LIKE @like ESCAPE '\\'
         ORDER BY created_at DESC, seq DESC LIMIT @limit`,
      )
      .all({ like, limit }) as QuoteRow[];
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      customerName: r.customer_name,
      designName: r.design_name,
      materialId: r.material_id,
      quantity: r.quantity,
      currency: r.currency,
      totalIdr: r.total_idr,
      manualReview: r.manual_review === 1,
      validUntil: r.valid_until,
      createdAt: r.created_at,
    }));
  }

  private row(id: string): QuoteRow {
    const row = this.db.prepare('SELECT * FROM quotes WHERE id = ?').get(id) as QuoteRow | undefined;
    if (!row) throw new ContractError('NOT_FOUND', remoteQuoteMessage(this.db, id) ?? `no quote ${id}`);
    return row;
  }

  get(id: string): SavedQuote {
    const r = this.row(id);
    const inputs = JSON.parse(r.inputs) as StoredInputs;
    return {
      id: r.id,
      number: r.number,
      customerName: r.customer_name,
      designName: r.design_name,
      createdAt: r.created_at,
      validUntil: r.valid_until,
      request: inputs.request,
      result: quoteComputationSchema.parse(JSON.parse(r.result)),
    };
  }

  /** The stored inputs of a quote (design geometry included), e.g. for the PDF thumbnail. */
  inputs(id: string): StoredInputs {
    return storedInputsSchema.parse(JSON.parse(this.row(id).inputs));
  }

  /** Recomputes a saved quote from its stored inputs only (libraries may have changed since). */
  recompute(id: string): QuoteComputation {
    const s = this.inputs(id);
    try {
      return computeQuote(analyzeDesign(s.design), {
        quantity: s.request.quantity,
        thicknessMm: s.request.thicknessMm,
        options: s.request.options,
        currency: s.request.currency,
        lang: s.request.lang,
        nest: s.request.nest,
      }, { material: s.material, machine: s.machine, rules: s.rules, timeModel: this.opts.timeModel });
    } catch (err) {
      throw asContractError(err);
    }
  }
}
