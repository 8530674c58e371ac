// The group-code reader: turns DXF bytes (ASCII or binary) into a flat tag stream of (code, value) pairs.
// Why our own reader instead of dxf-parser: dxf-parser cannot read binary DXF, takes an already decoded string
// (so $DWGCODEPAGE is the caller's problem), throws on a broken pair stream (LibreCAD multi-line values) and on a
// missing EOF, and builds one object per entity for types we then re-parse anyway. A flat stream (Int32Array of
// codes + value array) is allocation-light and lets each entity converter read its tags in one switch loop.
// dxf-parser stays as the baseline in the benchmark and as a parity check in the tests.
import { encodingFor, sniffHeaderVar } from './codepage';

export interface TagStream {
  codes: Int32Array;
  /**
   * Strings for text codes; numbers for numeric codes in binary files; in ASCII files undefined for numeric
   * values read in the tokenizer (then in `nums`), else strings (parsed on use). Read them with num() / str().
   */
  values: (string | number | undefined)[];
  /** Numeric values read in the tokenizer, where `values` holds undefined. */
  nums: Float64Array;
  count: number;
  binary: boolean;
  encoding: string;
  /** Problems found while tokenizing (broken pairs, truncation), each with its line/offset. */
  problems: string[];
}

const BINARY_SENTINEL = 'AutoCAD Binary DXF\r\n\x1a\x00';

export function isBinaryDxf(bytes: Uint8Array): boolean {
  if (bytes.length < 22) return false;
  for (let i = 0; i < 22; i++) if (bytes[i] !== BINARY_SENTINEL.charCodeAt(i)) return false;
  return true;
}

/** Characters (or bytes) per tag in a typical file: sizes the tag arrays up front (fewer copies as they grow). */
const TYPICAL_TAG_CHARS = 10;

class Builder {
  codes: Int32Array;
  nums: Float64Array;
  values: (string | number | undefined)[];
  count = 0;
  /** `capacity`: the expected number of tags (the arrays grow past it when needed). */
  constructor(capacity: number) {
    const n = Math.max(1024, Math.ceil(capacity));
    this.codes = new Int32Array(n);
    this.nums = new Float64Array(n);
    this.values = new Array(n).fill(undefined); // filled: a packed array, written by index
  }

  push(code: number, value: string | number | undefined, numeric = 0): void {
    if (this.count === this.codes.length) {
      const codes = new Int32Array(this.count * 2);
      codes.set(this.codes);
      this.codes = codes;
      const nums = new Float64Array(this.count * 2);
      nums.set(this.nums);
      this.nums = nums;
    }
    this.codes[this.count] = code;
    this.nums[this.count] = numeric;
    if (this.count < this.values.length) this.values[this.count] = value;
    else this.values.push(value);
    this.count++;
  }

  stream(binary: boolean, encoding: string, problems: string[]): TagStream {
    this.values.length = this.count;
    return { codes: this.codes, values: this.values, nums: this.nums, count: this.count, binary, encoding, problems };
  }
}

/** 10^0 … 10^22: every one exact in a double. */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * The line at `from` as a number when it is a plain decimal ("  -12.5", "3", ".25", "+1."; spaces or tabs
 * around) whose digits fit 2^53 and whose fraction has at most 22 digits: m / 10^f is then exactly what `+text`
 * gives (both exact, one correctly rounded division: Clinger's fast path, as JS engines use), and scanEnd is set.
 * NaN for anything else (exponents, more digits, other characters), which the caller keeps as text for the
 * general conversion. Hand-written because it is the tokenizer's inner loop: a value string per coordinate was
 * most of its time.
 */
function plainDecimal(text: string, from: number): number {
  let i = from;
  let c = at(text, i);
  while (c === 32 || c === 9) c = at(text, ++i);
  let neg = false;
  if (c === 45 || c === 43) {
    neg = c === 45;
    c = at(text, ++i);
  }
  let m = 0;
  let digits = 0;
  let fraction = -1;
  for (;;) {
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 && fraction < 0) fraction = 0;
    else break;
    c = at(text, ++i);
  }
  while (c === 32 || c === 9) c = at(text, ++i);
  if ((c !== 10 && c !== 13) || digits === 0 || m > 9007199254740992 || fraction > 22) return NaN;
  scanEnd = Math.min(i, text.length);
  const v = fraction > 0 ? m / POW10[fraction] : m;
  return neg ? -v : v;
}

/** Group codes with numeric values (the value types of binaryKind), as a lookup table. */
const NUMERIC_CODES = Uint8Array.from({ length: 1072 }, (_, code) => (['str', 'bin'].includes(binaryKind(code)) ? 0 : 1));

/** Where the line the last groupCode() / plainDecimal() call read ends (its \r or \n, or text.length). */
let scanEnd = 0;
/** Past the end of the text reads as a line end. */
const at = (text: string, i: number): number => (i < text.length ? text.charCodeAt(i) : 10);

/**
 * Reads the line at `from` as a group code ("  10" → 10) and sets scanEnd; NaN when it is not an integer (a
 * broken pair stream). One scan for both (the tokenizer's inner loop).
 */
function groupCode(text: string, from: number): number {
  let i = from;
  let c = at(text, i);
  while (c <= 32 && c !== 10 && c !== 13) c = at(text, ++i);
  let neg = false;
  if (c === 45) {
    neg = true;
    c = at(text, ++i);
  }
  const digitsStart = i;
  let v = 0;
  while (c >= 48 && c <= 57) {
    v = v * 10 + (c - 48);
    c = at(text, ++i);
  }
  const digits = i - digitsStart;
  while (c <= 32 && c !== 10 && c !== 13) c = at(text, ++i);
  if (c !== 10 && c !== 13) {
    scanEnd = lineEnd(text, i);
    return NaN;
  }
  scanEnd = Math.min(i, text.length);
  return digits === 0 || digits > 9 ? NaN : neg ? -v : v;
}

/** Codes whose values are names compared as identifiers: trimmed. */
function isNameCode(code: number): boolean {
  return code === 0 || code === 2 || code === 5 || code === 8 || code === 9 || code === 100;
}

/** Index of the end of the line starting at `from` (the \r or \n, or text.length). */
function lineEnd(text: string, from: number): number {
  const n = text.length;
  let i = from;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
  }
  return i;
}

/** Start of the line after the one ending at `end` (\r\n, \n or \r). */
function nextLine(text: string, end: number): number {
  return text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
}

/**
 * Tokenizes decoded ASCII DXF text in one scan (no line array). Lines end only at \r\n, \n and \r. A line where
 * a group code is expected but that is not an integer is taken as the continuation of the previous value (LibreCAD
 * writes multi-line MTEXT values) and reported; reading stops at "0 EOF" (trash after it is ignored).
 */
export function readAsciiTags(text: string, encoding = 'utf-8'): TagStream {
  const b = new Builder(text.length / TYPICAL_TAG_CHARS);
  const problems: string[] = [];
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a UTF-8 BOM decoded as U+FEFF
  let line = 1;
  let lastValueStart = 0;
  let lastValueEnd = 0;
  // One string per distinct entity type, layer and subclass name, shared by every tag that names it: a file of
  // 40,000 entities would otherwise keep 160,000 copies of a handful of names alive through the import.
  const names = new Map<string, string>();
  while (pos < n) {
    const code = groupCode(text, pos);
    const codeEnd = scanEnd;
    if (Number.isNaN(code)) {
      const bad = text.slice(pos, codeEnd);
      pos = nextLine(text, codeEnd);
      if (bad.trim() === '' && pos >= n) break; // final newline
      if (b.count > 0) {
        b.values[b.count - 1] = `${b.values[b.count - 1] ?? text.slice(lastValueStart, lastValueEnd)}\n${bad}`;
        if (problems.length < 50) problems.push(`line ${line}: "${bad.slice(0, 40)}" is not a group code; joined to the previous value`);
      } else if (problems.length < 50) problems.push(`line ${line}: "${bad.slice(0, 40)}" is not a group code; skipped`);
      line++;
      continue;
    }
    if (codeEnd >= n) {
      problems.push(`line ${line}: group code ${code} has no value (file truncated)`);
      break;
    }
    const valueStart = nextLine(text, codeEnd);
    lastValueStart = valueStart;
    if (code >= 0 && code < NUMERIC_CODES.length && NUMERIC_CODES[code] === 1) {
      const v = plainDecimal(text, valueStart);
      if (v === v) {
        lastValueEnd = scanEnd;
        b.push(code, undefined, v);
        line += 2;
        pos = nextLine(text, scanEnd);
        continue;
      }
    }
    const valueEnd = lineEnd(text, valueStart);
    lastValueEnd = valueEnd;
    let value = text.slice(valueStart, valueEnd);
    if (isNameCode(code)) {
      if (value.length && (value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32)) value = value.trim();
      if (code !== 5) value = names.get(value) ?? (names.set(value, value), value);
    }
    b.push(code, value);
    line += 2;
    pos = nextLine(text, valueEnd);
    if (code === 0 && value === 'EOF') break; // anything after EOF is not DXF
  }
  return b.stream(false, encoding, problems);
}

type Kind = 'str' | 'f64' | 'i16' | 'i32' | 'i64' | 'u8' | 'bin';

/** Value type of a group code in binary DXF (DXF reference, "Group Code Value Types"; as ezdxf reads them). */
function binaryKind(code: number): Kind {
  if ((code >= 310 && code <= 319) || code === 1004) return 'bin';
  if ((code >= 10 && code < 60) || (code >= 110 && code < 150) || (code >= 210 && code < 240) || (code >= 460 && code < 470) || (code >= 1010 && code < 1060)) return 'f64';
  if ((code >= 60 && code < 80) || (code >= 170 && code < 180) || (code >= 270 && code < 290) || (code >= 370 && code < 390) || (code >= 400 && code < 410) || (code >= 1060 && code < 1071)) return 'i16';
  if ((code >= 90 && code < 100) || (code >= 420 && code < 460) || code === 1071) return 'i32';
  if (code >= 160 && code < 170) return 'i64';
  if (code >= 290 && code < 300) return 'u8';
  return 'str';
}

function binaryVersionAndCodepage(bytes: Uint8Array): { version: string | undefined; codepage: string | undefined } {
  const head = Array.from(bytes.subarray(0, Math.min(bytes.length, 2048)), (c) => String.fromCharCode(c)).join('');
  const value = (name: string): string | undefined => {
    const at = head.indexOf(name);
    if (at < 0) return undefined;
    const m = /^[\x00-\x02\xff]{1,3}([^\x00]*)\x00/.exec(head.slice(at + name.length + 1));
    return m?.[1];
  };
  return { version: value('$ACADVER'), codepage: value('$DWGCODEPAGE') };
}

/**
 * Tokenizes binary DXF. R12 (AC1009 and older) writes 1-byte group codes (255 escapes a 2-byte code), later
 * versions 2-byte codes; detected from the byte after the sentinel, as the first tag is always code 0.
 */
export function readBinaryTags(bytes: Uint8Array): TagStream {
  const { version, codepage } = binaryVersionAndCodepage(bytes);
  const encoding = encodingFor(version, codepage);
  const decoder = new TextDecoder(encoding);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const b = new Builder(bytes.length / TYPICAL_TAG_CHARS);
  const problems: string[] = [];
  const n = bytes.length;
  let i = 22;
  const twoByteCodes = n > 23 && bytes[22] === 0 && bytes[23] === 0;
  const readString = (): string => {
    let end = i;
    let ascii = true;
    while (end < n && bytes[end] !== 0) {
      if (bytes[end] > 127) ascii = false;
      end++;
    }
    let s: string;
    if (ascii) {
      s = '';
      for (let k = i; k < end; k++) s += String.fromCharCode(bytes[k]);
    } else s = decoder.decode(bytes.subarray(i, end));
    i = end + 1;
    return s;
  };
  while (i < n) {
    const pos = i;
    let code: number;
    if (twoByteCodes) {
      if (i + 2 > n) break;
      code = bytes[i] | (bytes[i + 1] << 8);
      i += 2;
    } else if (bytes[i] === 255) {
      if (i + 3 > n) break;
      code = bytes[i + 1] | (bytes[i + 2] << 8);
      i += 3;
    } else {
      code = bytes[i];
      i += 1;
    }
    const kind = binaryKind(code);
    const size = kind === 'f64' || kind === 'i64' ? 8 : kind === 'i32' ? 4 : kind === 'i16' ? 2 : kind === 'u8' ? 1 : 0;
    if (i + size > n) {
      problems.push(`byte ${pos}: value of group code ${code} is cut off (file truncated)`);
      break;
    }
    let value: string | number;
    switch (kind) {
      case 'f64':
        value = view.getFloat64(i, true);
        break;
      case 'i16':
        value = view.getInt16(i, true);
        break;
      case 'i32':
        value = view.getInt32(i, true);
        break;
      case 'i64':
        value = Number(view.getBigInt64(i, true));
        break;
      case 'u8':
        value = bytes[i];
        break;
      case 'bin': {
        const len = bytes[i];
        i += 1 + len;
        value = '';
        break;
      }
      default:
        value = readString();
    }
    i += size;
    b.push(code, value);
    if (code === 0 && value === 'EOF') break;
  }
  return b.stream(true, encoding, problems);
}

/** Reads a DXF file's bytes: binary or ASCII, text decoded by $ACADVER / $DWGCODEPAGE (UTF-8 for R2007+). */
export function readTags(bytes: Uint8Array): TagStream {
  if (isBinaryDxf(bytes)) return readBinaryTags(bytes);
  let encoding: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) encoding = 'utf-8';
  else encoding = encodingFor(sniffHeaderVar(bytes, '$ACADVER'), sniffHeaderVar(bytes, '$DWGCODEPAGE'));
  let text: string;
  if (encoding === 'utf-8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // Declared (or implied) UTF-8 but not valid UTF-8: a pre-2007 writer's bytes; read them as the code page.
      encoding = encodingFor(undefined, sniffHeaderVar(bytes, '$DWGCODEPAGE'));
      text = new TextDecoder(encoding).decode(bytes);
    }
  } else text = new TextDecoder(encoding).decode(bytes);
  return readAsciiTags(text, encoding);
}
