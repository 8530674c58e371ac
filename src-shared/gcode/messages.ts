// Issue texts of the G-code reader in English and Indonesian, keyed by stable code, with the GRBL 1.1
// `error:N` each corresponds to (so a user can match what the controller would answer).
import type { GcodeIssue, IssueSeverity } from './types';

interface MessageDef {
  grblError?: number;
  severity: IssueSeverity;
  en: string;
  id: string;
}

const MESSAGES = {
  EXPECTED_COMMAND_LETTER: { grblError: 1, severity: 'error', en: "expected a command letter, found '{c}'", id: "diharapkan huruf perintah, ditemukan '{c}'" },
  BAD_NUMBER_FORMAT: { grblError: 2, severity: 'error', en: "missing or malformed number after '{letter}'", id: "angka setelah '{letter}' hilang atau salah format" },
  NEGATIVE_VALUE: { grblError: 4, severity: 'error', en: '{letter} must not be negative', id: '{letter} tidak boleh negatif' },
  LINE_OVERFLOW: {
    grblError: 11,
    severity: 'error',
    en: 'line has {n} characters without spaces and comments; GRBL accepts at most 79',
    id: 'baris berisi {n} karakter tanpa spasi dan komentar; GRBL menerima paling banyak 79',
  },
  LINE_TOO_LONG: { severity: 'warning', en: 'line is {n} characters long (more than 80)', id: 'panjang baris {n} karakter (lebih dari 80)' },
  UNSUPPORTED_COMMAND: { grblError: 20, severity: 'error', en: 'unsupported command {word}', id: 'perintah {word} tidak didukung' },
  MODAL_GROUP_VIOLATION: { grblError: 21, severity: 'error', en: 'two commands of the same modal group ({word})', id: 'dua perintah dari grup modal yang sama ({word})' },
  UNDEFINED_FEED_RATE: { grblError: 22, severity: 'error', en: 'feed rate F is not set for {word}', id: 'laju umpan F belum ditetapkan untuk {word}' },
  NOT_INTEGER: { grblError: 23, severity: 'error', en: '{word} needs an integer value', id: '{word} memerlukan nilai bilangan bulat' },
  AXIS_COMMAND_CONFLICT: { grblError: 24, severity: 'error', en: 'two commands in one line both use the axis words', id: 'dua perintah dalam satu baris sama-sama memakai kata sumbu' },
  REPEATED_WORD: { grblError: 25, severity: 'error', en: 'word {letter} appears twice', id: 'kata {letter} muncul dua kali' },
  NO_AXIS_WORDS: { grblError: 26, severity: 'error', en: '{word} needs axis words', id: '{word} memerlukan kata sumbu' },
  INVALID_LINE_NUMBER: { grblError: 27, severity: 'error', en: 'line number N{n} is out of range 0-9999999', id: 'nomor baris N{n} di luar rentang 0-9999999' },
  VALUE_WORD_MISSING: { grblError: 28, severity: 'error', en: '{word} needs a {letter} value', id: '{word} memerlukan nilai {letter}' },
  G53_INVALID_MOTION: { grblError: 30, severity: 'error', en: 'G53 works only with G0 or G1', id: 'G53 hanya berlaku dengan G0 atau G1' },
  AXIS_WORDS_UNUSED: { grblError: 31, severity: 'error', en: 'axis words with no motion to use them', id: 'kata sumbu tanpa gerakan yang memakainya' },
  NO_AXIS_WORDS_IN_PLANE: { grblError: 32, severity: 'error', en: '{word} needs an axis word in the selected plane', id: '{word} memerlukan kata sumbu pada bidang yang dipilih' },
  INVALID_TARGET: { grblError: 33, severity: 'error', en: 'invalid arc target: {detail}', id: 'target busur tidak valid: {detail}' },
  ARC_RADIUS_ERROR: { grblError: 34, severity: 'error', en: 'arc radius R{r} is too small for the distance to the end point', id: 'jari-jari busur R{r} terlalu kecil untuk jarak ke titik akhir' },
  NO_OFFSETS_IN_PLANE: { grblError: 35, severity: 'error', en: '{word} needs I/J/K centre offsets in the selected plane or R', id: '{word} memerlukan offset pusat I/J/K pada bidang yang dipilih atau R' },
  UNUSED_WORDS: { grblError: 36, severity: 'error', en: 'unused words {letters}', id: 'kata tidak terpakai {letters}' },
  SYSTEM_COMMAND_IGNORED: { severity: 'warning', en: "GRBL system command '{text}' is not timed", id: "perintah sistem GRBL '{text}' tidak dihitung waktunya" },
  NOT_TIMED: { severity: 'warning', en: '{word} is valid for GRBL but not timed by the estimator', id: '{word} valid untuk GRBL tetapi tidak dihitung waktunya oleh estimator' },
  WORK_OFFSET_ASSUMED: { severity: 'info', en: 'work offsets of {word} are unknown here; assumed zero', id: 'offset kerja {word} tidak diketahui di sini; dianggap nol' },
  PERCENT_LINE: {
    severity: 'warning',
    en: "a '%' line: GRBL answers error:1 to it; senders normally drop it, so it is skipped here",
    id: "baris '%': GRBL menjawab error:1; pengirim biasanya membuangnya, jadi dilewati di sini",
  },
  PROGRAM_PAUSE: { severity: 'warning', en: '{word} pauses the program until cycle start; the wait is not counted', id: '{word} menjeda program sampai cycle start; waktu tunggu tidak dihitung' },
} satisfies Record<string, MessageDef>;

export type IssueCode = keyof typeof MESSAGES;

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

/** Builds an issue for 1-based `line`. */
export function issue(code: IssueCode, line: number, params: Record<string, string | number> = {}): GcodeIssue {
  const def: MessageDef = MESSAGES[code];
  const out: GcodeIssue = { line, severity: def.severity, code, message: { en: fill(def.en, params), id: fill(def.id, params) } };
  if (def.grblError !== undefined) out.grblError = def.grblError;
  return out;
}
