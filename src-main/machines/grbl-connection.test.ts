// GrblConnection against a scripted transport (no pty): the handshake, RX size from [OPT:], character counting
// against it, one status query outstanding at a time, and the two kinds of hang.
import { describe, expect, it } from 'vitest';
import { GrblConnection } from './grbl-connection';
import type { LineTransport } from './transport';

class ScriptedTransport implements LineTransport {
  isOpen = false;
  written: string[] = [];
  private lineL: ((l: string) => void)[] = [];
  private closeL: ((r: string) => void)[] = [];
  constructor(private readonly answer: (data: string, t: ScriptedTransport) => void) {}
  async open() { this.isOpen = true; }
  async close() { this.isOpen = false; this.closeL.forEach((l) => l('closed')); }
  async write(data: string | Uint8Array) {
    const text = typeof data === 'string' ? data : Buffer.from(data).toString('latin1');
    this.written.push(text);
    queueMicrotask(() => this.answer(text, this));
  }
  say(...lines: string[]) { for (const l of lines) this.lineL.forEach((f) => f(l)); }
  onLine(l: (line: string) => void) { this.lineL.push(l); }
  onClose(l: (reason: string) => void) { this.closeL.push(l); }
}

/** A minimal Grbl: banner on reset, [OPT:] with a 256-byte buffer, two settings, ok to everything else. */
function grbl(opts: { okLines?: boolean; status?: string } = {}) {
  return (data: string, t: ScriptedTransport) => {
    if (data === '\x18') return t.say("Grbl 1.1h ['$' for help]");
    if (data === '?') return opts.status ? t.say(opts.status) : undefined;
    for (const line of data.split('\n').filter(Boolean)) {
      if (line === '$I') t.say('[VER:1.1h.20190825:]', '[OPT:VL,35,256]', 'ok');
      else if (line === '$$') t.say('$30=1000', '$110=6000.000', 'ok');
      else if (opts.okLines !== false) t.say('ok');
    }
  };
}

describe('GrblConnection', () => {
  it('handshakes, reads the RX size and settings, and counts characters against RX − 1', async () => {
    const t = new ScriptedTransport(grbl({ okLines: false }));
    const c = new GrblConnection(t, { bannerTimeoutMs: 200 });
    await c.connect();
    expect(c.firmware).toBe('1.1h');
    expect(c.rxBufferSize).toBe(256);
    expect(c.settings).toEqual({ 30: '1000', 110: '6000.000' });
    const line = 'G1X100.000Y100.000F3000'; // 24 bytes with the newline
    const sent = c.streamLines(Array(20).fill(line), () => ({ onReply: () => undefined, onDropped: () => undefined }));
    expect(sent).toBe(10); // 10 × 24 = 240 ≤ 255, 11 × 24 = 264 > 255
    expect(c.bytesInFlight).toBe(240);
    await c.close();
  });

  it('keeps one status query outstanding', async () => {
    const t = new ScriptedTransport(grbl());
    const c = new GrblConnection(t, { bannerTimeoutMs: 200, pollHz: 1 });
    await c.connect();
    t.written = [];
    c.pollNow();
    c.pollNow();
    c.pollNow();
    expect(t.written.filter((w) => w === '?')).toHaveLength(1);
    t.say('<Idle|MPos:0.000,0.000,0.000|FS:0,0>');
    c.pollNow();
    expect(t.written.filter((w) => w === '?')).toHaveLength(2);
    await c.close();
  });

  it('reports a hang when lines wait for ok while the machine says Idle, and when nothing answers', async () => {
    const idle = new ScriptedTransport(grbl({ okLines: false, status: '<Idle|MPos:0.000,0.000,0.000|FS:0,0>' }));
    const a = new GrblConnection(idle, { bannerTimeoutMs: 200, pollHz: 20, hangMs: 300 });
    await a.connect();
    a.streamLines(['G1X1F100'], () => ({ onReply: () => undefined, onDropped: () => undefined }));
    const hang = await new Promise<{ reason: string }>((r) => a.once('hang', r));
    expect(hang.reason).toBe('idle-without-ok');
    await a.close();

    const silent = new ScriptedTransport(grbl({ okLines: false }));
    const b = new GrblConnection(silent, { bannerTimeoutMs: 200, pollHz: 20, hangMs: 300 });
    await b.connect();
    b.streamLines(['G1X1F100'], () => ({ onReply: () => undefined, onDropped: () => undefined }));
    const quiet = await new Promise<{ reason: string }>((r) => b.once('hang', r));
    expect(quiet.reason).toBe('no-answer');
    await b.close();
  });

  it('refuses a device that does not answer like Grbl', async () => {
    const t = new ScriptedTransport((_d, tr) => tr.say('echo:Unknown command'));
    const c = new GrblConnection(t, { bannerTimeoutMs: 100 });
    await expect(c.connect()).rejects.toThrow(/not a Grbl controller: it answered "echo:Unknown command/);
  });
});
