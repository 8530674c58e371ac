// Splits one G-code line into words the way GRBL 1.1 reads it (protocol.c + read_float in nuts_bolts.c):
// whitespace and control characters dropped, ( ) and ; comments removed, '/' block delete ignored, letters
// upper-cased, numbers with an optional sign and one decimal point (no exponent). It also measures the
// stripped length, which GRBL limits to 79 characters (LINE_BUFFER_SIZE 80, error:11 beyond).

export interface GWord {
  letter: string;
  value: number;
}

export type LexResult =
  | { kind: 'empty'; strippedLength: 0; comment?: string }
  | { kind: 'system'; text: string; strippedLength: number }
  | { kind: 'words'; words: GWord[]; strippedLength: number; comment?: string }
  | { kind: 'error'; code: 'EXPECTED_COMMAND_LETTER' | 'BAD_NUMBER_FORMAT'; params: Record<string, string>; strippedLength: number };

/** GRBL's line buffer holds 79 characters plus the terminator. */
export const GRBL_MAX_STRIPPED_LINE = 79;

/** Removes what GRBL's serial reader throws away; returns the kept characters and the first comment text. */
export function stripLine(raw: string): { text: string; comment?: string } {
  let out = '';
  let comment: string | undefined;
  let inParen = false;
  let parenStart = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (inParen) {
      if (ch === ')') {
        inParen = false;
        comment ??= raw.slice(parenStart, i).trim();
      }
      continue;
    }
    if (ch === '(') {
      inParen = true;
      parenStart = i + 1;
      continue;
    }
    if (ch === ';') {
      comment ??= raw.slice(i + 1).trim();
      break;
    }
    const code = ch.charCodeAt(0);
    if (code <= 32 || ch === '/') continue;
    out += code >= 97 && code <= 122 ? String.fromCharCode(code - 32) : ch;
  }
  if (inParen) comment ??= raw.slice(parenStart).trim();
  return comment === undefined ? { text: out } : { text: out, comment };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function lexLine(raw: string): LexResult {
  const { text, comment } = stripLine(raw);
  const strippedLength = text.length;
  if (strippedLength === 0) return comment === undefined ? { kind: 'empty', strippedLength: 0 } : { kind: 'empty', strippedLength: 0, comment };
  if (text[0] === '$') return { kind: 'system', text, strippedLength };
  const words: GWord[] = [];
  let i = 0;
  while (i < text.length) {
    const letter = text[i];
    const lc = letter.charCodeAt(0);
    if (lc < 65 || lc > 90) return { kind: 'error', code: 'EXPECTED_COMMAND_LETTER', params: { c: letter }, strippedLength };
    i++;
    const start = i;
    if (text[i] === '-' || text[i] === '+') i++;
    let digits = 0;
    let seenDot = false;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (isDigit(c)) digits++;
      else if (c === 46 && !seenDot) seenDot = true;
      else break;
      i++;
    }
    if (digits === 0) return { kind: 'error', code: 'BAD_NUMBER_FORMAT', params: { letter }, strippedLength };
    words.push({ letter, value: Number(text.slice(start, i).replace('+', '')) });
  }
  return comment === undefined ? { kind: 'words', words, strippedLength } : { kind: 'words', words, strippedLength, comment };
}
