// Parsers of every other Grbl 1.1 reply line: `ok`, `error:N`, `ALARM:N`, the welcome banner, `$N=V` settings,
// bracketed feedback (`[MSG:]`, `[GC:]`, `[HLP:]`, `[VER:]`, `[OPT:]`, `[PRB:]`, `[G54:]`…`[TLO:]`, `[echo:]`),
// `>line:ok` startup-line echoes, and `parseReply` which classifies any line. One function per reply type so each
// is unit-tested on lines recorded from Grbl 1.1h.
import { decodeAlarm, decodeError } from './codes';
import { GrblParseError, isStatusReport, parseStatusReport, type Axes, type StatusReport } from './status-report';

export interface Welcome { version: string }
export interface Setting { id: number; value: string }
export interface BuildOptions { codes: string; blockBufferSize: number; rxBufferSize: number }
export interface ProbeResult { position: Axes; success: boolean }
export interface CoordinateOffset { name: string; position: Axes }

export type Reply =
  | { kind: 'ok' }
  | { kind: 'error'; code: number; en: string; id: string }
  | { kind: 'alarm'; code: number; en: string; id: string }
  | { kind: 'status'; report: StatusReport }
  | { kind: 'welcome'; version: string }
  | { kind: 'setting'; id: number; value: string }
  | { kind: 'message'; text: string }
  | { kind: 'modal'; words: string[] }
  | { kind: 'help'; commands: string[] }
  | { kind: 'version'; version: string; info: string }
  | { kind: 'options'; options: BuildOptions }
  | { kind: 'probe'; probe: ProbeResult }
  | { kind: 'offset'; offset: CoordinateOffset }
  | { kind: 'toolLength'; value: number }
  | { kind: 'echo'; text: string }
  | { kind: 'startup'; line: string; ok: boolean }
  | { kind: 'unknown'; text: string };

export function parseOk(line: string): boolean {
  return line === 'ok';
}

export function parseError(line: string): number | undefined {
  const m = /^error:(\d+)$/.exec(line);
  return m ? Number(m[1]) : undefined;
}

export function parseAlarm(line: string): number | undefined {
  const m = /^ALARM:(\d+)$/.exec(line);
  return m ? Number(m[1]) : undefined;
}

/** `Grbl 1.1h ['$' for help]`. */
export function parseWelcome(line: string): Welcome | undefined {
  const m = /^Grbl (\S+) \[.*\]$/.exec(line);
  return m ? { version: m[1] } : undefined;
}

/** `$110=500.000` (a `$$` line; `$N0=` startup blocks are not numbered settings). */
export function parseSetting(line: string): Setting | undefined {
  const m = /^\$(\d+)=(.*)$/.exec(line);
  return m ? { id: Number(m[1]), value: m[2].trim() } : undefined;
}

/** Splits `[KEY:body]` into its key and body. */
export function parseBracket(line: string): { key: string; body: string } | undefined {
  const m = /^\[([A-Za-z0-9.]+):(.*)\]$/.exec(line);
  return m ? { key: m[1], body: m[2] } : undefined;
}

/** `[OPT:VL,15,128]` → codes, planner blocks, RX buffer bytes. */
export function parseOptions(body: string, line = body): BuildOptions {
  const [codes, blocks, rx] = body.split(',');
  const blockBufferSize = Number(blocks);
  const rxBufferSize = Number(rx);
  if (!Number.isInteger(blockBufferSize) || !Number.isInteger(rxBufferSize) || rxBufferSize <= 0) {
    throw new GrblParseError('bad build options', line);
  }
  return { codes: codes ?? '', blockBufferSize, rxBufferSize };
}

/** `[VER:1.1h.20190825:my machine]`. */
export function parseVersion(body: string): { version: string; info: string } {
  const colon = body.indexOf(':');
  return colon < 0 ? { version: body, info: '' } : { version: body.slice(0, colon), info: body.slice(colon + 1) };
}

/** `[PRB:0.000,0.000,1.492:1]`. */
export function parseProbe(body: string, line = body): ProbeResult {
  const [pos, ok] = body.split(':');
  const n = pos.split(',').map(Number);
  if (n.length < 3 || n.some((v) => !Number.isFinite(v))) throw new GrblParseError('bad probe result', line);
  return { position: [n[0], n[1], n[2]], success: ok === '1' };
}

function parseOffset(name: string, body: string, line: string): CoordinateOffset {
  const n = body.split(',').map(Number);
  if (n.length < 3 || n.some((v) => !Number.isFinite(v))) throw new GrblParseError(`bad ${name} offset`, line);
  return { name, position: [n[0], n[1], n[2]] };
}

const OFFSET_KEYS = new Set(['G54', 'G55', 'G56', 'G57', 'G58', 'G59', 'G28', 'G30', 'G92']);

/** Parses any bracketed feedback line. */
export function parseFeedback(line: string): Reply {
  const b = parseBracket(line);
  if (!b) return { kind: 'unknown', text: line };
  if (b.key === 'MSG') return { kind: 'message', text: b.body };
  if (b.key === 'GC') return { kind: 'modal', words: b.body.split(' ').filter(Boolean) };
  if (b.key === 'HLP') return { kind: 'help', commands: b.body.split(' ').filter(Boolean) };
  if (b.key === 'VER') return { kind: 'version', ...parseVersion(b.body) };
  if (b.key === 'OPT') return { kind: 'options', options: parseOptions(b.body, line) };
  if (b.key === 'PRB') return { kind: 'probe', probe: parseProbe(b.body, line) };
  if (b.key === 'TLO') return { kind: 'toolLength', value: Number(b.body) };
  if (b.key === 'echo') return { kind: 'echo', text: b.body };
  if (OFFSET_KEYS.has(b.key)) return { kind: 'offset', offset: parseOffset(b.key, b.body, line) };
  return { kind: 'unknown', text: line };
}

/** `>G54G21:ok` — a startup line Grbl ran after reset. */
export function parseStartupLine(line: string): { line: string; ok: boolean } | undefined {
  const m = /^>(.*):(ok|error:\d+)$/.exec(line);
  return m ? { line: m[1], ok: m[2] === 'ok' } : undefined;
}

/** Classifies one reply line (without its line ending). Never throws on unknown text; throws on malformed known forms. */
export function parseReply(raw: string, previousWco?: Axes): Reply {
  const line = raw.trim();
  if (parseOk(line)) return { kind: 'ok' };
  const err = parseError(line);
  if (err !== undefined) return { kind: 'error', ...decodeError(err) };
  const alarm = parseAlarm(line);
  if (alarm !== undefined) return { kind: 'alarm', ...decodeAlarm(alarm) };
  if (isStatusReport(line)) return { kind: 'status', report: parseStatusReport(line, previousWco) };
  if (line.startsWith('[')) return parseFeedback(line);
  const welcome = parseWelcome(line);
  if (welcome) return { kind: 'welcome', version: welcome.version };
  const setting = parseSetting(line);
  if (setting) return { kind: 'setting', ...setting };
  const startup = parseStartupLine(line);
  if (startup) return { kind: 'startup', ...startup };
  return { kind: 'unknown', text: line };
}
