// Handlers of the quoting channels (src-shared/contract/channels/quote.ts): libraries, pricing rules, live and
// saved quotes, `$$` import and the PDF document.
import { writeFileSync } from 'node:fs';
import { ContractError } from '../../src-shared/contract/define';
import type { Handlers } from '../../src-shared/contract/index';
import { GrblDumpError, parseGrblSettingsDump } from '../../src-shared/materials/grbl-dump';
import type { CoreDeps } from '../services/core-deps';
import { DesignService } from '../services/design-service';
import { SettingsService } from '../services/settings-service';
import { LibraryService } from './library-service';
import { renderQuotePdf } from './pdf';
import { buildQuoteDocument } from './quote-document';
import { QuoteService } from './quote-service';

type QuoteChannels =
  | 'materials.list' | 'materials.get' | 'materials.save'
  | 'machineProfiles.list' | 'machineProfiles.get' | 'machineProfiles.save' | 'machineProfiles.importGrbl'
  | 'pricing.get' | 'pricing.save'
  | 'quote.compute' | 'quote.save' | 'quotes.list' | 'quotes.get' | 'quote.pdf';

export function createQuoteHandlers(deps: CoreDeps): Pick<Handlers, QuoteChannels> {
  const library = new LibraryService(deps.db, deps.now);
  const settings = new SettingsService(deps.db, deps.now);
  const quotes = new QuoteService(deps.db, library, deps.now, {
    designs: new DesignService(deps.db, deps.now),
    defaultMachineId: () => settings.get().defaultMachineId,
  });
  return {
    'materials.list': () => library.listMaterials(),
    'materials.get': (input) => library.getMaterial(input.id),
    'materials.save': (input) => library.saveMaterial(input),
    'machineProfiles.list': () => library.listMachines(),
    'machineProfiles.get': (input) => library.getMachine(input.id),
    'machineProfiles.save': (input) => library.saveMachine(input),
    'machineProfiles.importGrbl': (input) => {
      const base = input.machineId ? library.getMachine(input.machineId) : undefined;
      let parsed;
      try {
        parsed = parseGrblSettingsDump(input.dump, base?.grbl);
      } catch (err) {
        if (err instanceof GrblDumpError) throw new ContractError('BAD_INPUT', err.message);
        throw err;
      }
      const machine = base ? library.saveMachine({ ...base, grbl: parsed.settings }) : undefined;
      return { ...parsed, machine };
    },
    'pricing.get': () => library.getPricingRules(),
    'pricing.save': (input) => library.savePricingRules(input),
    'quote.compute': (input) => quotes.compute(input),
    'quote.save': (input) => quotes.save(input),
    'quotes.list': (input) => quotes.list(input.search, input.limit),
    'quotes.get': (input) => quotes.get(input.id),
    'quote.pdf': async (input) => {
      const { doc, lang } = buildQuoteDocument(quotes, input.id, input.lang, settings.get().companyName);
      const pdf = await renderQuotePdf(doc, lang);
      if (input.path) {
        writeFileSync(input.path, pdf);
        return { bytes: pdf.length, path: input.path };
      }
      return { bytes: pdf.length, base64: pdf.toString('base64') };
    },
  };
}
