// Checks G-code before any of it is streamed, so a bad file is refused before the machine moves: comments and
// spaces are stripped the way Grbl's protocol layer does, the result must fit Grbl's line buffer
// (LINE_BUFFER_SIZE 80 including the terminator → 79 characters; longer is error:11), and every word must be a
// letter Grbl 1.1 knows with a number, G/M codes among those it supports. Realtime characters inside a line are
// refused because the firmware would act on them mid-line.

export const MAX_LINE_CHARS = 79;

const WORD_LETTERS = new Set('FGIJKLMNPRSTXYZ');
const G_CODES = new Set([
  '0', '1', '2', '3', '4', '10', '17', '18', '19', '20', '21', '28', '28.1', '30', '30.1', '38.2', '38.3', '38.4', '38.5',
  '40', '43.1', '49', '53', '54', '55', '56', '57', '58', '59', '61', '80', '90', '91', '91.1', '92', '92.1', '93', '94',
]);
const M_CODES = new Set(['0', '1', '2', '3', '4', '5', '7', '8', '9', '30', '56']);

export interface LineProblem {
  /** 1-based line number in the file. */
  line: number;
  message: { en: string; id: string };
  text: string;
}

/** Removes `( … )` and `; …` comments and whitespace, uppercases; `%` program markers become empty. */
export function cleanLine(raw: string): string {
  let out = '';
  let inParen = false;
  for (const ch of raw) {
    if (inParen) {
      if (ch === ')') inParen = false;
      continue;
    }
    if (ch === '(') { inParen = true; continue; }
    if (ch === ';') break;
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') continue;
    out += ch.toUpperCase();
  }
  return out === '%' ? '' : out;
}

function normaliseCode(num: string): string {
  const n = Number(num);
  return Number.isFinite(n) ? String(n) : num;
}

/** Problems of one cleaned line (empty list = fine). `lineNo` is 1-based. */
export function checkLine(clean: string, lineNo: number, raw = clean): LineProblem[] {
  const problems: LineProblem[] = [];
  const add = (en: string, id: string) => problems.push({ line: lineNo, message: { en, id }, text: raw.trim().slice(0, 120) });
  if (clean.length === 0) return problems;
  if (/[?!~]/.test(clean) || /[^\x20-\x7e]/.test(clean)) {
    add('contains a realtime command character (? ! ~ or a non-ASCII byte) that Grbl would act on mid-line',
      'berisi karakter perintah realtime (? ! ~ atau bukan ASCII) yang akan dijalankan Grbl di tengah baris');
    return problems;
  }
  if (clean.length > MAX_LINE_CHARS) {
    add(`is ${clean.length} characters after removing comments and spaces; Grbl accepts at most ${MAX_LINE_CHARS}`,
      `panjangnya ${clean.length} karakter setelah komentar dan spasi dibuang; Grbl hanya menerima maksimal ${MAX_LINE_CHARS}`);
  }
  if (clean.startsWith('$')) {
    add(`is a Grbl system command (${clean.slice(0, 10)}); run it from the machine panel, not inside a job`,
      `adalah perintah sistem Grbl (${clean.slice(0, 10)}); jalankan dari panel mesin, bukan di dalam job`);
    return problems;
  }
  const re = /([A-Z])([-+]?(?:\d+\.?\d*|\.\d+))/y;
  let pos = 0;
  while (pos < clean.length) {
    re.lastIndex = pos;
    const m = re.exec(clean);
    if (!m) {
      add(`has an unreadable word at "${clean.slice(pos, pos + 12)}" (expected a letter followed by a number)`,
        `memiliki kata yang tidak terbaca di "${clean.slice(pos, pos + 12)}" (seharusnya huruf diikuti angka)`);
      break;
    }
    const [, letter, num] = m;
    if (!WORD_LETTERS.has(letter)) {
      add(`has the word ${letter}${num}, which Grbl 1.1 does not know`, `memiliki kata ${letter}${num} yang tidak dikenal Grbl 1.1`);
    } else if (letter === 'G' && !G_CODES.has(normaliseCode(num))) {
      add(`uses G${num}, which Grbl 1.1 does not support`, `memakai G${num} yang tidak didukung Grbl 1.1`);
    } else if (letter === 'M' && !M_CODES.has(normaliseCode(num))) {
      add(`uses M${num}, which Grbl 1.1 does not support`, `memakai M${num} yang tidak didukung Grbl 1.1`);
    }
    pos = re.lastIndex;
  }
  return problems;
}

export interface PreparedJob {
  /** Cleaned lines to stream, in order (empty lines are dropped). */
  lines: string[];
  /** For each streamed line, its 1-based line number in the source text. */
  sourceLine: number[];
  problems: LineProblem[];
}

/** Cleans and checks a whole G-code text; a job may be streamed only when `problems` is empty. */
export function prepareJob(text: string): PreparedJob {
  const lines: string[] = [];
  const sourceLine: number[] = [];
  const problems: LineProblem[] = [];
  const rawLines = text.split(/\r?\n|\r/);
  rawLines.forEach((raw, i) => {
    const clean = cleanLine(raw);
    if (!clean) return;
    problems.push(...checkLine(clean, i + 1, raw));
    lines.push(clean);
    sourceLine.push(i + 1);
  });
  return { lines, sourceLine, problems };
}

/** One readable line per problem: "line 12: is 95 characters …". */
export function describeProblems(problems: LineProblem[], lang: 'en' | 'id' = 'en', max = 5): string {
  const word = lang === 'id' ? 'baris' : 'line';
  const shown = problems.slice(0, max).map((p) => `${word} ${p.line}: ${p.message[lang]}`);
  if (problems.length > max) shown.push(lang === 'id' ? `… dan ${problems.length - max} masalah lain` : `… and ${problems.length - max} more`);
  return shown.join('\n');
}
