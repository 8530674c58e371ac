// Character counter, job reducer, line validation, realtime override bytes and resume planning.
import { describe, expect, it } from 'vitest';
import { canSend, createCharCounter, fitsAtAll, recordAck, recordSent } from './char-counter';
import { applyJob, createJobState, reduceJob } from './job-state';
import { checkLine, cleanLine, describeProblems, prepareJob } from './validate-line';
import { overrideBytes, realtimeByte, isRealtimeByte } from './realtime';
import { planResume, safeResumeLine } from './resume';

describe('character counting', () => {
  it('counts length + 1 against RX size − 1 and frees on ack in order', () => {
    let c = createCharCounter(128);
    const line = 'G1X10.000Y10.000F1000'; // 21 chars → 22 bytes
    for (let i = 0; i < 5; i++) c = recordSent(c, line);
    expect(c.used).toBe(110);
    expect(canSend(c, line)).toBe(false); // 132 > 127
    expect(canSend(c, 'G0X1Y2Z3')).toBe(true); // 110 + 9 + ... ≤ 127
    c = recordAck(c);
    expect(c.used).toBe(88);
    expect(canSend(c, line)).toBe(true);
    expect(() => recordAck(createCharCounter())).toThrow(/no line in flight/);
    expect(fitsAtAll(createCharCounter(16), 'G1X100Y100F100')).toBe(true);
    expect(fitsAtAll(createCharCounter(16), 'G1X100Y100F10000')).toBe(false);
  });
});

describe('job state machine', () => {
  it('runs queued → running ⇄ paused → done with line counts', () => {
    let s = createJobState(3);
    s = applyJob(s, { type: 'start' });
    s = applyJob(s, { type: 'sent', count: 3 });
    s = applyJob(s, { type: 'pause' });
    expect(s.status).toBe('paused');
    s = applyJob(s, { type: 'acked', count: 3 });
    s = applyJob(s, { type: 'resume' });
    expect(reduceJob(s, { type: 'acked', count: 1 })).toEqual({ refused: 'more lines acknowledged than sent' });
    s = applyJob(s, { type: 'complete' });
    expect(s.status).toBe('done');
    expect(reduceJob(s, { type: 'pause' })).toEqual({ refused: 'cannot pause a job that is done' });
  });
  it('errors pause, alarms fail, disconnects interrupt and a resume restarts from a given line', () => {
    let s = applyJob(applyJob(createJobState(10), { type: 'start' }), { type: 'sent', count: 4 });
    expect(applyJob(s, { type: 'lineError', line: 2, code: 22 })).toMatchObject({ status: 'paused', error: { line: 2, code: 22 } });
    expect(applyJob(s, { type: 'alarm', line: 3, code: 1 }).status).toBe('failed');
    s = applyJob(s, { type: 'interrupt', reason: 'port closed' });
    expect(s.status).toBe('interrupted');
    s = applyJob(s, { type: 'start', fromLine: 2 });
    expect(s).toMatchObject({ status: 'running', startLine: 2, sentLines: 2, ackedLines: 2 });
    expect(reduceJob(s, { type: 'complete' })).toEqual({ refused: 'only 2 of 10 lines acknowledged' });
    expect(applyJob(s, { type: 'abort' }).status).toBe('aborted');
  });
});

describe('G-code validation', () => {
  it('strips comments, spaces and % markers', () => {
    expect(cleanLine('g1 x10 (move) y5 ; to corner')).toBe('G1X10Y5');
    expect(cleanLine('%')).toBe('');
    expect(cleanLine('(only a comment)')).toBe('');
  });
  it('refuses long lines, unknown words, unsupported codes, $ commands and realtime characters', () => {
    expect(checkLine('G1X1', 1)).toEqual([]);
    expect(checkLine(`G1X${'1'.repeat(80)}`, 7)[0].message.en).toMatch(/83 characters .* at most 79/);
    expect(checkLine('G1X1W5', 2)[0].message.en).toMatch(/word W5/);
    expect(checkLine('G5X1', 3)[0].message.en).toMatch(/G5/);
    expect(checkLine('M6', 3)[0].message.id).toMatch(/M6/);
    expect(checkLine('$H', 4)[0].message.en).toMatch(/system command/);
    expect(checkLine('G1X1!', 5)[0].message.en).toMatch(/realtime/);
    expect(checkLine('G1XX', 6)[0].message.en).toMatch(/unreadable/);
    expect(checkLine('G38.2Z-5F100', 8)).toEqual([]);
  });
  it('prepares a job with source line numbers and readable problems', () => {
    const job = prepareJob('; header\nG21\n\nG1 X1 F100\nG1 Q1\n');
    expect(job.lines).toEqual(['G21', 'G1X1F100', 'G1Q1']);
    expect(job.sourceLine).toEqual([2, 4, 5]);
    expect(describeProblems(job.problems)).toBe('line 5: has the word Q1, which Grbl 1.1 does not know');
    expect(describeProblems(job.problems, 'id')).toMatch(/^baris 5:/);
  });
});

describe('realtime bytes', () => {
  it('maps overrides to step bytes', () => {
    expect(overrideBytes('feed', 120)).toEqual([0x91, 0x91]);
    expect(overrideBytes('feed', 95)).toEqual([0x94, 0x94, 0x94, 0x94, 0x94]);
    expect(overrideBytes('power', 100, 150)).toEqual([0x99]);
    expect(overrideBytes('rapid', 50)).toEqual([0x96]);
    expect(realtimeByte('jogCancel')).toBe(0x85);
    expect(isRealtimeByte('?'.charCodeAt(0))).toBe(true);
    expect(isRealtimeByte('G'.charCodeAt(0))).toBe(false);
  });
});

describe('resume planning', () => {
  const lines = ['G21', 'G90', 'M4S500', 'F1200', ...Array.from({ length: 40 }, (_, i) => `G1X${i}Y${i * 2}`)];
  it('backs up 16 motion lines from the last acknowledged line', () => {
    expect(safeResumeLine(lines, 34)).toBe(18);
    expect(safeResumeLine(lines, 10)).toBe(0);
  });
  it('restores modal state and position before the resumed line', () => {
    const plan = planResume(lines, 34);
    expect(plan.fromLine).toBe(18);
    expect(plan.preamble).toEqual(['G21G54G94', 'M5', 'G90G0X13.000Y26.000', 'G90', 'M9', 'F1200', 'M4S500', 'G1']);
  });
});
