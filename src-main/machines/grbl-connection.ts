// One live conversation with a Grbl 1.1 controller over a LineTransport. It owns what must be shared by
// everything that talks to the controller: the FIFO of lines awaiting `ok`/`error:N` (Grbl answers every line
// in order) with its character counter, `?` polling with one query outstanding, realtime bytes, the connect
// handshake (soft reset → banner, `$I` for the RX size, `$$` for the settings), and hang detection. Job
// streaming (job-runner.ts) and send-response commands both go through here so acknowledgements never mix up.
import { EventEmitter } from 'node:events';
import { canSend, createCharCounter, fitsAtAll, recordAck, recordSent, DEFAULT_RX_BUFFER_SIZE, type CharCounter } from '../../src-shared/grbl/char-counter';
import { parseReply, type Reply } from '../../src-shared/grbl/replies';
import { REALTIME } from '../../src-shared/grbl/realtime';
import type { Axes, StatusReport } from '../../src-shared/grbl/status-report';
import type { LineTransport } from './transport';

export interface ConnectionOptions {
  /** Status queries per second (4–5 Hz keeps the serial link free for streaming). */
  pollHz?: number;
  /** How long to wait for the `Grbl 1.1x […]` banner after a soft reset. */
  bannerTimeoutMs?: number;
  /** Lines in flight and no `ok` for this long while the controller reports Idle (or answers nothing) = hang. */
  hangMs?: number;
  /** How long a send-response command may take (homing may take a minute). */
  commandTimeoutMs?: number;
}

export type LineReply = { kind: 'ok' } | { kind: 'error'; code: number; en: string; id: string };

interface InFlight {
  line: string;
  onReply: (r: LineReply) => void;
  onDropped: (reason: string) => void;
}

export class GrblError extends Error {
  constructor(readonly text: { en: string; id: string }, readonly code?: number) {
    super(text.en);
    this.name = 'GrblError';
  }
}

export interface ConnectionEvents {
  status: [StatusReport];
  alarm: [{ code: number; en: string; id: string }];
  message: [string];
  reset: [];
  hang: [{ sinceMs: number; reason: 'idle-without-ok' | 'no-answer' }];
  close: [string];
  reply: [Reply];
}

export class GrblConnection extends EventEmitter<ConnectionEvents> {
  private counter: CharCounter = createCharCounter();
  private readonly inFlight: InFlight[] = [];
  private pollTimer?: NodeJS.Timeout;
  private queryOutstandingSince?: number;
  private lastAnswerAt = 0;
  private lastAckAt = 0;
  private hangReported = false;
  private bannerWaiter?: (version: string) => void;
  private readonly collectors: ((r: Reply) => void)[] = [];
  private wco?: Axes;
  private commandChain: Promise<unknown> = Promise.resolve();
  status?: StatusReport;
  firmware?: string;
  rxBufferSize = DEFAULT_RX_BUFFER_SIZE;
  settings: Record<number, string> = {};
  closed = false;
  readonly opts: Required<ConnectionOptions>;

  constructor(readonly transport: LineTransport, opts: ConnectionOptions = {}) {
    super();
    this.opts = { pollHz: 5, bannerTimeoutMs: 2500, hangMs: 10_000, commandTimeoutMs: 120_000, ...opts };
    transport.onLine((line) => this.onLine(line));
    transport.onClose((reason) => this.onClosed(reason));
  }

  /** Opens the link and makes sure a Grbl 1.1 controller is on the other end; reads its RX size and settings. */
  async connect(): Promise<void> {
    await this.transport.open();
    const heard: string[] = [];
    const listener = (r: Reply) => {
      if (r.kind === 'unknown') heard.push(r.text);
    };
    this.on('reply', listener);
    try {
      let version = await this.resetAndWaitBanner();
      if (!version) version = await this.resetAndWaitBanner();
      if (!version) {
        const said = `"${heard.slice(0, 2).join(' / ').slice(0, 80)}"`;
        const device = describeTransport(this.transport);
        throw new GrblError({
          en: `the device on ${device} is not a Grbl controller: ${heard.length ? `it answered ${said}` : 'it did not answer'} to a reset`,
          id: `perangkat di ${device} bukan pengendali Grbl: ${heard.length ? `jawabannya ${said}` : 'tidak menjawab'} saat di-reset`,
        });
      }
      if (!/^1\.1/.test(version)) throw new GrblError({ en: `the controller runs Grbl ${version}; AcrylicHub needs Grbl 1.1`, id: `pengendali menjalankan Grbl ${version}; AcrylicHub memerlukan Grbl 1.1` });
      this.firmware = version;
      // A banner printed at power-up (or by a board that resets when the port opens) may still be on its way.
      await this.quietFor(150);
    } catch (err) {
      await this.transport.close();
      throw err;
    } finally {
      this.off('reply', listener);
    }
    const info = await this.command('$I');
    const opt = info.replies.find((r) => r.kind === 'options');
    if (opt && opt.kind === 'options') this.rxBufferSize = opt.options.rxBufferSize;
    this.counter = createCharCounter(this.rxBufferSize);
    const dump = await this.command('$$');
    for (const r of dump.replies) if (r.kind === 'setting') this.settings[r.id] = r.value;
    this.startPolling();
  }

  /** Ctrl-X, then waits for the banner; resolves with the version or undefined on timeout. */
  resetAndWaitBanner(): Promise<string | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.bannerWaiter = undefined;
        resolve(undefined);
      }, this.opts.bannerTimeoutMs);
      this.bannerWaiter = (v) => {
        clearTimeout(timer);
        this.bannerWaiter = undefined;
        resolve(v);
      };
      this.realtime(REALTIME.softReset).catch(() => undefined);
    });
  }

  /** Resolves once no line has arrived for `ms`. */
  private async quietFor(ms: number): Promise<void> {
    for (;;) {
      const waited = Date.now() - this.lastAnswerAt;
      if (waited >= ms) return;
      await new Promise((r) => setTimeout(r, ms - waited));
    }
  }

  async close(): Promise<void> {
    this.stopPolling();
    await this.transport.close();
  }

  get bytesInFlight(): number {
    return this.counter.used;
  }

  get linesInFlight(): number {
    return this.inFlight.length;
  }

  /** True when the line can be written now without overflowing the controller's RX buffer. */
  canSendNow(line: string): boolean {
    return canSend(this.counter, line);
  }

  fitsBuffer(line: string): boolean {
    return fitsAtAll(this.counter, line);
  }

  /**
   * Writes lines that fit now (character counting) in one write; each gets its reply callback. Returns how
   * many of `lines` were written.
   */
  streamLines(lines: readonly string[], handlers: (index: number) => Pick<InFlight, 'onReply' | 'onDropped'>): number {
    let n = 0;
    let text = '';
    while (n < lines.length && canSend(this.counter, lines[n])) {
      this.counter = recordSent(this.counter, lines[n]);
      this.inFlight.push({ line: lines[n], ...handlers(n) });
      text += `${lines[n]}\n`;
      n++;
    }
    if (n > 0) {
      if (this.inFlight.length === n) this.lastAckAt = Date.now();
      this.transport.write(text).catch((err: Error) => this.onClosed(`write failed: ${err.message}`));
    }
    return n;
  }

  /**
   * Send-response: waits until nothing is in flight, sends one line and resolves with its reply and the
   * feedback lines that came before it (settings, [MSG:], [OPT:] …). Rejects on error:N with the decoded words.
   */
  command(line: string, opts: { allowError?: boolean; timeoutMs?: number } = {}): Promise<{ reply: LineReply; replies: Reply[] }> {
    const run = async () => {
      await this.drained();
      const replies: Reply[] = [];
      const collect = (r: Reply) => {
        if (r.kind !== 'status' && r.kind !== 'ok' && r.kind !== 'error') replies.push(r);
      };
      this.collectors.push(collect);
      try {
        const reply = await new Promise<LineReply>((resolve, reject) => {
          const timer = setTimeout(() => reject(new GrblError({ en: `no answer to "${line}" in ${Math.round((opts.timeoutMs ?? this.opts.commandTimeoutMs) / 1000)} s`, id: `tidak ada jawaban untuk "${line}" dalam ${Math.round((opts.timeoutMs ?? this.opts.commandTimeoutMs) / 1000)} detik` })), opts.timeoutMs ?? this.opts.commandTimeoutMs);
          const sent = this.streamLines([line], () => ({
            onReply: (r) => {
              clearTimeout(timer);
              resolve(r);
            },
            onDropped: (reason) => {
              clearTimeout(timer);
              reject(new GrblError({ en: `"${line}" was not answered: ${reason}`, id: `"${line}" tidak dijawab: ${reason}` }));
            },
          }));
          if (sent === 0) {
            clearTimeout(timer);
            reject(new GrblError({ en: `"${line}" is longer than the controller's ${this.rxBufferSize}-byte buffer`, id: `"${line}" lebih panjang dari buffer pengendali (${this.rxBufferSize} byte)` }));
          }
        });
        if (reply.kind === 'error' && !opts.allowError) throw new GrblError({ en: `${line}: ${reply.en} (error:${reply.code})`, id: `${line}: ${reply.id} (error:${reply.code})` }, reply.code);
        return { reply, replies };
      } finally {
        this.collectors.splice(this.collectors.indexOf(collect), 1);
      }
    };
    const p = this.commandChain.then(run, run);
    this.commandChain = p.catch(() => undefined);
    return p;
  }

  /** Resolves when every line sent has been answered. */
  drained(): Promise<void> {
    if (this.inFlight.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.inFlight.length === 0 || this.closed) {
          this.off('reply', check);
          this.off('reset', check);
          resolve();
        }
      };
      this.on('reply', check);
      this.on('reset', check);
    });
  }

  realtime(byte: string | number): Promise<void> {
    const data = typeof byte === 'number' ? Uint8Array.of(byte) : Uint8Array.of(byte.charCodeAt(0));
    return this.transport.write(data);
  }

  /** Asks for a status report now unless one is outstanding. */
  pollNow(): void {
    const now = Date.now();
    if (this.queryOutstandingSince !== undefined && now - this.queryOutstandingSince < 1000) return;
    this.queryOutstandingSince = now;
    this.realtime(REALTIME.statusQuery).catch(() => undefined);
  }

  /** Resolves with the next status report that satisfies `test` (polling faster meanwhile), or undefined on timeout. */
  waitForStatus(test: (s: StatusReport) => boolean, timeoutMs: number, fast = true): Promise<StatusReport | undefined> {
    return new Promise((resolve) => {
      const onStatus = (s: StatusReport) => {
        if (!test(s)) return;
        done(s);
      };
      const fastTimer = fast ? setInterval(() => this.pollNow(), 20) : undefined;
      const timer = setTimeout(() => done(undefined), timeoutMs);
      const done = (s: StatusReport | undefined) => {
        clearInterval(fastTimer);
        clearTimeout(timer);
        this.off('status', onStatus);
        resolve(s);
      };
      this.on('status', onStatus);
      this.pollNow();
    });
  }

  private startPolling(): void {
    this.stopPolling();
    this.lastAnswerAt = Date.now();
    this.pollTimer = setInterval(() => {
      this.pollNow();
      this.checkHang();
    }, Math.round(1000 / this.opts.pollHz));
  }

  private stopPolling(): void {
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  private checkHang(): void {
    if (this.inFlight.length === 0 || this.hangReported) return;
    const now = Date.now();
    const sinceAck = now - this.lastAckAt;
    if (sinceAck < this.opts.hangMs) return;
    const silentFor = now - this.lastAnswerAt;
    if (silentFor >= this.opts.hangMs) {
      this.hangReported = true;
      this.emit('hang', { sinceMs: silentFor, reason: 'no-answer' });
    } else if (this.status?.state === 'Idle') {
      this.hangReported = true;
      this.emit('hang', { sinceMs: sinceAck, reason: 'idle-without-ok' });
    }
  }

  private onLine(raw: string): void {
    const line = raw.trim();
    if (!line) return;
    this.lastAnswerAt = Date.now();
    let reply: Reply;
    try {
      reply = parseReply(line, this.wco);
    } catch {
      reply = { kind: 'unknown', text: line };
    }
    switch (reply.kind) {
      case 'ok':
      case 'error': {
        const entry = this.inFlight.shift();
        if (entry) {
          this.counter = recordAck(this.counter);
          this.lastAckAt = Date.now();
          this.hangReported = false;
          entry.onReply(reply.kind === 'ok' ? { kind: 'ok' } : reply);
        }
        break;
      }
      case 'status':
        this.queryOutstandingSince = undefined;
        if (reply.report.wco) this.wco = reply.report.wco;
        this.status = reply.report;
        this.emit('status', reply.report);
        break;
      case 'alarm':
        // Grbl resets its buffers on an alarm: lines in flight will never be answered.
        this.dropInFlight(`ALARM:${reply.code}`);
        this.emit('alarm', { code: reply.code, en: reply.en, id: reply.id });
        break;
      case 'welcome':
        this.dropInFlight('the controller was reset');
        this.queryOutstandingSince = undefined;
        if (this.bannerWaiter) this.bannerWaiter(reply.version);
        else if (this.pollTimer) this.emit('reset');
        break;
      case 'message':
        this.emit('message', reply.text);
        break;
      default:
        break;
    }
    for (const c of this.collectors) c(reply);
    this.emit('reply', reply);
  }

  private dropInFlight(reason: string): void {
    const dropped = this.inFlight.splice(0);
    this.counter = createCharCounter(this.rxBufferSize);
    for (const d of dropped) d.onDropped(reason);
  }

  private onClosed(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.stopPolling();
    this.dropInFlight(reason);
    this.emit('close', reason);
  }
}

function describeTransport(t: LineTransport): string {
  return (t as { path?: string }).path ?? 'the link';
}
