// Manufacturing complexity 0–100: a weighted sum of five factors, each normalised to 0–1 and reported with its
// raw value, so the quote panel can show why a design rates as it does. Weights and scales are shop judgement
// (dense vertices slow the planner, many loops mean many pierces and small parts, features near the kerf width
// break or melt, text is fiddly to weed and check, curves cut slower than straight lines); edit them here.
import type { Lang } from '../pricing/format';

export interface ComplexityInputs {
  /** Segments of every cut and score path. */
  vertices: number;
  /** Cut + score length, mm. */
  lengthMm: number;
  /** Closed cut contours. */
  loops: number;
  /** Area of the parts' outer contours, mm². */
  partAreaMm2: number;
  /** Smallest closed cut contour (smaller side of its box), mm; Infinity when there is none. */
  smallestFeatureMm: number;
  textPaths: number;
  paths: number;
  /** Length on arcs and flattened curves (splines, ellipses), mm. */
  curvedLengthMm: number;
}

export type ComplexityFactorCode = 'vertex-density' | 'loop-density' | 'feature-vs-kerf' | 'text' | 'curves';

export interface ComplexityFactor {
  code: ComplexityFactorCode;
  label: string;
  /** The measured value in `unit`. */
  value: number;
  unit: string;
  /** Points this factor adds to the score (0–weight). */
  points: number;
  weight: number;
}

export type Difficulty = 'simple' | 'moderate' | 'complex' | 'very-complex';

export interface Complexity {
  score: number;
  difficulty: Difficulty;
  difficultyLabel: string;
  factors: ComplexityFactor[];
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
const round2 = (v: number) => Math.round(v * 100) / 100;

const LABELS: Record<ComplexityFactorCode, Record<Lang, string>> = {
  'vertex-density': { en: 'Vertices per 100 mm of cut', id: 'Titik per 100 mm potongan' },
  'loop-density': { en: 'Closed loops per 100 cm² of part', id: 'Kontur tertutup per 100 cm² part' },
  'feature-vs-kerf': { en: 'Smallest feature ÷ kerf', id: 'Fitur terkecil ÷ kerf' },
  text: { en: 'Share of paths that are text', id: 'Porsi path berupa teks' },
  curves: { en: 'Share of length on curves', id: 'Porsi panjang berupa kurva' },
};

const DIFFICULTY: Record<Difficulty, Record<Lang, string>> = {
  simple: { en: 'Simple', id: 'Mudah' },
  moderate: { en: 'Moderate', id: 'Sedang' },
  complex: { en: 'Complex', id: 'Rumit' },
  'very-complex': { en: 'Very complex', id: 'Sangat rumit' },
};

export function difficultyOf(score: number): Difficulty {
  return score < 25 ? 'simple' : score < 50 ? 'moderate' : score < 75 ? 'complex' : 'very-complex';
}

export function computeComplexity(c: ComplexityInputs, kerfMm: number, lang: Lang = 'en'): Complexity {
  const perHundred = c.lengthMm > 0 ? (c.vertices / c.lengthMm) * 100 : 0;
  const loopsPer100Cm2 = c.partAreaMm2 > 0 ? c.loops / (c.partAreaMm2 / 10_000) : 0;
  const ratio = Number.isFinite(c.smallestFeatureMm) && kerfMm > 0 ? c.smallestFeatureMm / kerfMm : Infinity;
  const textShare = c.paths > 0 ? c.textPaths / c.paths : 0;
  const curveShare = c.lengthMm > 0 ? Math.min(1, c.curvedLengthMm / c.lengthMm) : 0;
  const raw: [ComplexityFactorCode, number, string, number, number][] = [
    // [code, value, unit, normalised 0–1, weight]
    ['vertex-density', perHundred, '/100 mm', clamp01(Math.log10(1 + perHundred) / Math.log10(51)), 25],
    ['loop-density', loopsPer100Cm2, '/100 cm²', clamp01(loopsPer100Cm2 / 20), 20],
    // 20× the kerf or more is easy; 2× or less is at the limit (log scale between).
    ['feature-vs-kerf', ratio, '×', Number.isFinite(ratio) ? clamp01(Math.log(20 / Math.max(ratio, 1e-9)) / Math.log(10)) : 0, 25],
    ['text', textShare * 100, '%', clamp01(textShare * 2), 15],
    ['curves', curveShare * 100, '%', curveShare, 15],
  ];
  const factors = raw.map(([code, value, unit, f, weight]) => ({
    code,
    label: LABELS[code][lang],
    value: Number.isFinite(value) ? round2(value) : 0,
    unit,
    points: round2(f * weight),
    weight,
  }));
  const score = Math.round(factors.reduce((s, f) => s + f.points, 0));
  const difficulty = difficultyOf(score);
  return { score, difficulty, difficultyLabel: DIFFICULTY[difficulty][lang], factors };
}
