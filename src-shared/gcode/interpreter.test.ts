// Parser and interpreter cases: GRBL's word rules, error numbers and line numbers, modal state, arcs.
import { describe, expect, it } from 'vitest';
import { GcodeInterpreter } from './interpreter';
import { lexLine, stripLine } from './lexer';
import type { ArcMove, MotionSink, MoveInfo } from './types';

interface Rec {
  lines: { target: number[]; move: MoveInfo }[];
  arcs: { arc: ArcMove; move: MoveInfo }[];
  syncs: string[];
  dwells: number[];
}

function interpret(text: string, laserMode = true): { rec: Rec; it: GcodeInterpreter } {
  const rec: Rec = { lines: [], arcs: [], syncs: [], dwells: [] };
  const sink: MotionSink = {
    line: (target, move) => {
      rec.lines.push({ target, move });
      return true;
    },
    arc: (arc, move) => void rec.arcs.push({ arc, move }),
    sync: (reason) => void rec.syncs.push(reason),
    dwell: (s) => void rec.dwells.push(s),
    lineDone: () => undefined,
  };
  const interp = new GcodeInterpreter(sink, { laserMode });
  text.split('\n').forEach((l, i) => interp.executeLine(l, i));
  return { rec, it: interp };
}

describe('lexer', () => {
  it('strips spaces, comments and case like GRBL', () => {
    expect(stripLine('g1 x1.5 (move) y-2 ; done').text).toBe('G1X1.5Y-2');
    expect(stripLine('G0 (a) X1').comment).toBe('a');
    const r = lexLine('n10 g01 x+1. y-.5');
    expect(r.kind).toBe('words');
    if (r.kind === 'words') expect(r.words).toEqual([
      { letter: 'N', value: 10 },
      { letter: 'G', value: 1 },
      { letter: 'X', value: 1 },
      { letter: 'Y', value: -0.5 },
    ]);
  });

  it('reports bad numbers and stray characters', () => {
    expect(lexLine('G1 X').kind).toBe('error');
    expect(lexLine('G1 X-').kind).toBe('error');
    expect(lexLine('G1 X1e3').kind).toBe('words'); // E3 is a word; the interpreter rejects it (error:20)
    expect(lexLine('G1 #1').kind).toBe('error');
    expect(lexLine('$H').kind).toBe('system');
  });
});

describe('interpreter errors carry GRBL codes and line numbers', () => {
  const cases: [string, number, string][] = [
    ['G81 X1', 20, 'UNSUPPORTED_COMMAND'],
    ['G1 A5 F100', 20, 'UNSUPPORTED_COMMAND'],
    ['G0 G1 X1', 21, 'MODAL_GROUP_VIOLATION'],
    ['G1 X1', 22, 'UNDEFINED_FEED_RATE'],
    ['G1.5 X1', 23, 'NOT_INTEGER'],
    ['G1 X1 X2 F100', 25, 'REPEATED_WORD'],
    ['G4', 28, 'VALUE_WORD_MISSING'],
    ['G80 X1', 31, 'AXIS_WORDS_UNUSED'],
    ['G2 Z1 I1 F100', 32, 'NO_AXIS_WORDS_IN_PLANE'],
    ['G2 I1 F100', 26, 'NO_AXIS_WORDS'],
    ['G1', 22, 'UNDEFINED_FEED_RATE'],
    ['G2 X10 R2 F100', 34, 'ARC_RADIUS_ERROR'],
    ['G2 X10 F100', 35, 'NO_OFFSETS_IN_PLANE'],
    ['G2 X10 I2 F100', 33, 'INVALID_TARGET'],
    ['G1 X1 P3 F100', 36, 'UNUSED_WORDS'],
    ['G1 X1 F-5', 4, 'NEGATIVE_VALUE'],
    ['N99999999 G0 X1', 27, 'INVALID_LINE_NUMBER'],
    ['M7', 20, 'UNSUPPORTED_COMMAND'],
  ];
  for (const [line, grbl, code] of cases) {
    it(`${line} → error:${grbl}`, () => {
      const { it: interp, rec } = interpret(`G21\n${line}`);
      expect(interp.issues[0]).toMatchObject({ line: 2, code, grblError: grbl, severity: 'error' });
      expect(interp.issues[0].message.id.length).toBeGreaterThan(0);
      expect(rec.lines).toHaveLength(0);
    });
  }

  it('line over 79 significant characters is GRBL error 11; raw > 80 is a warning', () => {
    const long = 'G1 X' + '1'.repeat(80) + ' F100';
    const { it: interp } = interpret(long);
    expect(interp.issues.map((i) => i.code)).toEqual(['LINE_TOO_LONG', 'LINE_OVERFLOW']);
    const spaced = 'G1 X1 F100 ' + ' '.repeat(90) + '(comment)';
    const r2 = interpret(spaced).it;
    expect(r2.issues.map((i) => i.code)).toEqual(['LINE_TOO_LONG']);
  });

  it("a lone '%' is a warning, as senders drop it", () => {
    const { it: interp, rec } = interpret('%\nG0 X1\n%');
    expect(interp.errorCount).toBe(0);
    expect(interp.issues.map((i) => i.code)).toEqual(['PERCENT_LINE', 'PERCENT_LINE']);
    expect(rec.lines).toHaveLength(1);
  });

  it('keeps going after an error line', () => {
    const { rec, it: interp } = interpret('G1 X1 F100\nG1 Q1\nG1 X2');
    expect(interp.errorCount).toBe(1);
    expect(rec.lines.map((l) => l.target[0])).toEqual([1, 2]);
  });
});

describe('interpreter semantics', () => {
  it('modal motion, absolute and relative, G92 offsets', () => {
    const { rec } = interpret('G90 G0 X10 Y10\nG1 X20 F500\nG91 X5 Y-5\nG90 G92 X0 Y0\nG1 X1');
    expect(rec.lines.map((l) => l.target.slice(0, 2))).toEqual([
      [10, 10],
      [20, 10],
      [25, 5],
      [26, 5],
    ]);
    expect(rec.lines[0].move.rapid).toBe(true);
    expect(rec.lines[1].move.feedRate).toBe(500);
  });

  it('R-form arc centre matches the firmware construction', () => {
    const { rec } = interpret('G0 X0 Y0\nG2 X10 Y0 R5 F100\nG3 X0 Y0 R-5');
    expect(rec.arcs[0].arc.offset[0]).toBeCloseTo(5, 12);
    expect(rec.arcs[0].arc.offset[1]).toBeCloseTo(0, 12);
    expect(rec.arcs[0].arc.radius).toBe(5);
    expect(rec.arcs[0].arc.clockwise).toBe(true);
    expect(rec.arcs[1].arc.offset[0]).toBeCloseTo(-5, 12);
  });

  it('laser mode: S with motion does not sync, S alone and M3/M4/M5 and M8/M9 do', () => {
    const { rec } = interpret('M4 S100\nG1 X1 F100\nX2 S200\nS300\nM5\nM8\nM9');
    expect(rec.syncs).toEqual(['spindle', 'spindle', 'spindle', 'coolant', 'coolant']);
    expect(rec.lines[1].move.power).toBe(200);
    expect(rec.lines.every((l) => l.move.cut)).toBe(true);
  });

  it('laser mode: G0 travel never cuts; not laser mode: every S change syncs', () => {
    const { rec } = interpret('M4 S100\nG0 X5\nG1 X6 F100');
    expect(rec.lines[0].move.cut).toBe(false);
    expect(rec.lines[0].move.power).toBe(0);
    expect(rec.lines[1].move.cut).toBe(true);
    const spindle = interpret('M3 S100\nG1 X1 F100 S200', false).rec;
    expect(spindle.syncs).toEqual(['spindle', 'spindle']);
  });

  it('M3 laser: switching between G0 and G1 without motion forces a sync', () => {
    const { rec } = interpret('M3 S100\nG1 X1 F100\nG0\nG1');
    expect(rec.syncs).toEqual(['spindle', 'spindle', 'spindle']);
  });

  it('G4 dwell P in seconds, G28 goes home through the intermediate point', () => {
    const { rec } = interpret('G4 P1.5\nG0 X10 Y10\nG28 X5');
    expect(rec.dwells).toEqual([1.5]);
    expect(rec.lines.map((l) => l.target.slice(0, 2))).toEqual([
      [10, 10],
      [5, 10],
      [0, 0],
    ]);
  });

  it('M2 ends the program: sync and reset of modal state', () => {
    const { rec } = interpret('G91 M4 S10\nG1 X1 F10\nM2\nG1 X1');
    expect(rec.syncs.at(-1)).toBe('program-end');
    expect(rec.lines.at(-1)?.target[0]).toBe(1); // absolute again after M2
    expect(rec.lines.at(-1)?.move.cut).toBe(false); // spindle off after M2
  });

  it('G10 L2 sets a work offset used by G55 moves', () => {
    const { rec, it: interp } = interpret('G10 L2 P2 X100 Y50\nG55 G0 X0 Y0');
    expect(rec.lines[0].target.slice(0, 2)).toEqual([100, 50]);
    expect(interp.issues.some((i) => i.code === 'WORK_OFFSET_ASSUMED')).toBe(true);
  });
});
