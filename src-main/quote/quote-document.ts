// Gathers what the PDF shows for a saved quote: the stored result (recomputed from the stored inputs when the
// document is wanted in another language than the quote was made in, so labels and formulas match the document;
// amounts are the same by construction) and the part geometry for the thumbnail.
import { analyzeDesign } from '../../src-shared/estimate/analyze';
import type { Lang } from '../../src-shared/pricing/format';
import { computeQuote } from '../../src-shared/estimate/quote-engine';
import type { QuoteDocument } from './pdf';
import type { QuoteService } from './quote-service';

export function buildQuoteDocument(service: QuoteService, id: string, lang: Lang | undefined, companyName: string): { doc: QuoteDocument; lang: Lang } {
  const saved = service.get(id);
  const inputs = service.inputs(id);
  const analysis = analyzeDesign(inputs.design);
  const docLang = lang ?? inputs.request.lang;
  const result = docLang === inputs.request.lang
    ? saved.result
    : computeQuote(analysis, { ...inputs.request, lang: docLang }, { material: inputs.material, machine: inputs.machine, rules: inputs.rules });
  return {
    lang: docLang,
    doc: {
      number: saved.number,
      createdAt: saved.createdAt,
      validUntil: saved.validUntil,
      customerName: saved.customerName,
      designName: saved.designName,
      companyName: companyName.trim() || 'AcrylicHub Pro',
      result,
      parts: analysis.partGeoms,
      scoreLines: analysis.scoreContours.map((c) => c.segments),
    },
  };
}
