// Parsers on lines recorded from Grbl 1.1h (and 1.1f) controllers.
import { describe, expect, it } from 'vitest';
import {
  parseAlarm, parseBracket, parseError, parseFeedback, parseOk, parseOptions, parseProbe, parseReply, parseSetting,
  parseStartupLine, parseVersion, parseWelcome,
} from './replies';
import { formatStatusReport, parseStatusReport } from './status-report';
import { alarmMessage, alarmNeedsHoming, errorMessage } from './codes';

describe('simple replies', () => {
  it('ok / error / alarm', () => {
    expect(parseOk('ok')).toBe(true);
    expect(parseOk('okay')).toBe(false);
    expect(parseError('error:22')).toBe(22);
    expect(parseError('error:x')).toBeUndefined();
    expect(parseAlarm('ALARM:1')).toBe(1);
    expect(parseAlarm('alarm:1')).toBeUndefined();
  });
  it('welcome banner', () => {
    expect(parseWelcome("Grbl 1.1h ['$' for help]")).toEqual({ version: '1.1h' });
    expect(parseWelcome('Marlin 2.0')).toBeUndefined();
  });
  it('settings lines', () => {
    expect(parseSetting('$110=500.000')).toEqual({ id: 110, value: '500.000' });
    expect(parseSetting('$32=1')).toEqual({ id: 32, value: '1' });
    expect(parseSetting('$N0=')).toBeUndefined();
  });
  it('startup line echo', () => {
    expect(parseStartupLine('>G54G21:ok')).toEqual({ line: 'G54G21', ok: true });
    expect(parseStartupLine('>G99:error:20')).toEqual({ line: 'G99', ok: false });
  });
});

describe('bracketed feedback', () => {
  it('splits key and body', () => {
    expect(parseBracket('[MSG:Caution: Unlocked]')).toEqual({ key: 'MSG', body: 'Caution: Unlocked' });
  });
  it('messages, modal state and help', () => {
    expect(parseFeedback("[MSG:'$H'|'$X' to unlock]")).toEqual({ kind: 'message', text: "'$H'|'$X' to unlock" });
    expect(parseFeedback('[GC:G0 G54 G17 G21 G90 G94 M5 M9 T0 F0 S0]')).toEqual({
      kind: 'modal', words: ['G0', 'G54', 'G17', 'G21', 'G90', 'G94', 'M5', 'M9', 'T0', 'F0', 'S0'],
    });
    const help = parseFeedback('[HLP:$$ $# $G $I $N $x=val $Nx=line $J=line $SLP $C $X $H ~ ! ? ctrl-x]');
    expect(help.kind === 'help' && help.commands).toContain('$J=line');
  });
  it('version and build options', () => {
    expect(parseVersion('1.1h.20190825:')).toEqual({ version: '1.1h.20190825', info: '' });
    expect(parseFeedback('[VER:1.1f.20170801:LASER]')).toEqual({ kind: 'version', version: '1.1f.20170801', info: 'LASER' });
    expect(parseOptions('V,15,128')).toEqual({ codes: 'V', blockBufferSize: 15, rxBufferSize: 128 });
    expect(parseFeedback('[OPT:VL,15,256]')).toEqual({ kind: 'options', options: { codes: 'VL', blockBufferSize: 15, rxBufferSize: 256 } });
    expect(() => parseOptions('V,x,y')).toThrow(/bad build options/);
  });
  it('probe, offsets and tool length', () => {
    expect(parseProbe('0.000,0.000,-1.492:1')).toEqual({ position: [0, 0, -1.492], success: true });
    expect(parseFeedback('[PRB:1.000,2.000,3.000:0]')).toEqual({ kind: 'probe', probe: { position: [1, 2, 3], success: false } });
    expect(parseFeedback('[G54:10.000,20.000,0.000]')).toEqual({ kind: 'offset', offset: { name: 'G54', position: [10, 20, 0] } });
    expect(parseFeedback('[G92:0.000,0.000,0.000]').kind).toBe('offset');
    expect(parseFeedback('[TLO:0.000]')).toEqual({ kind: 'toolLength', value: 0 });
    expect(parseFeedback('[echo:G1X0]')).toEqual({ kind: 'echo', text: 'G1X0' });
  });
});

describe('status reports', () => {
  it('Grbl 1.1h default report with WCO and overrides', () => {
    const r = parseStatusReport('<Idle|MPos:10.000,5.000,0.000|FS:0,0|WCO:2.000,1.000,0.000>');
    expect(r.state).toBe('Idle');
    expect(r.mpos).toEqual([10, 5, 0]);
    expect(r.wpos).toEqual([8, 4, 0]);
    expect(r.feed).toBe(0);
    expect(r.spindle).toBe(0);
  });
  it('running report with buffer, line number, pins, overrides, accessories', () => {
    const r = parseStatusReport('<Run|MPos:-1.250,3.500,0.000|Bf:12,80|Ln:1024|FS:1500,750|Pn:XP|Ov:120,50,80|A:SF>');
    expect(r).toMatchObject({
      state: 'Run', buffer: { blocksFree: 12, rxFree: 80 }, lineNumber: 1024, feed: 1500, spindle: 750, pins: 'XP',
      overrides: { feed: 120, rapid: 50, spindle: 80 }, accessories: { spindleCw: true, spindleCcw: false, flood: true, mist: false },
    });
  });
  it('sub-states and WPos-only reports with a carried WCO', () => {
    const r = parseStatusReport('<Hold:1|WPos:1.000,1.000,0.000|F:500>', [5, 5, 0]);
    expect(r.state).toBe('Hold');
    expect(r.subState).toBe(1);
    expect(r.feed).toBe(500);
    expect(r.mpos).toEqual([6, 6, 0]);
    expect(parseStatusReport('<Door:2|MPos:0.000,0.000,0.000|FS:0,0>').subState).toBe(2);
  });
  it('rejects malformed reports', () => {
    expect(() => parseStatusReport('<Dancing|MPos:0,0,0>')).toThrow(/unknown machine state/);
    expect(() => parseStatusReport('<Idle|MPos:0,a,0>')).toThrow(/expected 3 numbers/);
  });
  it('formats what it parses', () => {
    const line = '<Run|MPos:1.000,2.000,0.000|Bf:15,127|FS:1000,500|Ov:100,100,100>';
    expect(formatStatusReport(parseStatusReport(line))).toBe(line);
  });
});

describe('parseReply classifies any line', () => {
  it.each([
    ['ok', 'ok'], ['error:9', 'error'], ['ALARM:2', 'alarm'], ['<Alarm|MPos:0.000,0.000,0.000|FS:0,0>', 'status'],
    ["Grbl 1.1h ['$' for help]", 'welcome'], ['$0=10', 'setting'], ['[MSG:Reset to continue]', 'message'],
    ['>G21:ok', 'startup'], ['garbage from noise', 'unknown'], ['[XYZ:1]', 'unknown'],
  ])('%s → %s', (line, kind) => {
    expect(parseReply(line).kind).toBe(kind);
  });
  it('decodes error and alarm words in both languages', () => {
    const e = parseReply('error:22');
    expect(e).toMatchObject({ kind: 'error', code: 22 });
    if (e.kind === 'error') {
      expect(e.en).toMatch(/Feed rate/);
      expect(e.id).toMatch(/Kecepatan/);
    }
    expect(alarmMessage(1, 'id')).toMatch(/homing ulang/);
    expect(errorMessage(99)).toMatch(/Unknown GRBL error \(error:99\)/);
    expect(alarmNeedsHoming(1)).toBe(true);
    expect(alarmNeedsHoming(2)).toBe(false);
  });
});
