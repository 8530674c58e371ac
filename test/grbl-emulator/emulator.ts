// Test equipment: a Grbl 1.1h controller emulated in TypeScript on the device end of a socat pty pair. It keeps
// the firmware's observable contract so the driver can be tested for real: a 128-byte RX ring buffer (one byte
// less usable) that records every overflow, lines taken into a 16-block planner (the time model's GrblPlanner,
// so blocks take the time the firmware would give them) and `ok` only once a line is in the planner, realtime
// bytes picked out of the stream, status reports, `$$`, `$I`, `$X`, `$H`, `$C`, `$J=`, and faults injected at a
// given line. Reads are paced at the baud rate (10 bits per byte) because a pty has no baud of its own; the
// motion clock can run faster than real time (`timeScale`) to keep tests short.
import { SerialPort } from 'serialport';
import { EventEmitter } from 'node:events';
import { GrblPlanner, blockProfile, type GrblSettings } from '../../src-shared/planner/index';
import { formatStatusReport, type Axes, type MachineState } from '../../src-shared/grbl/status-report';
import { checkLine, cleanLine } from '../../src-shared/grbl/validate-line';
import { EMULATOR_SETTINGS_TEXT, emulatorPlannerSettings } from './machine-settings';

export interface EmulatorFaults {
  /** Reply error:code instead of executing the N-th G-code line (1-based, counted since open). */
  errorAtLine?: { line: number; code: number };
  /** Raise ALARM:code when the N-th G-code line arrives (as a hard limit would): planner and buffers flushed. */
  alarmAtLine?: { line: number; code: number };
  /** Close the port when the N-th line arrives (the cable is pulled); `onDrop` runs after. */
  dropAtLine?: number;
  /** From the N-th line on, answer nothing at all (not even `?`). */
  silentAtLine?: number;
  /** From the N-th line on, keep answering `?` but never acknowledge a line again. */
  stallAtLine?: number;
}

export interface EmulatorOptions {
  path: string;
  rxBufferSize?: number;
  blockBufferSize?: number;
  /** Bits per second pacing the bytes read and written (10 bits per byte); 0 = as fast as the pty goes. */
  baud?: number;
  /** Motion runs this many times faster than real time. */
  timeScale?: number;
  faults?: EmulatorFaults;
  onDrop?: () => void | Promise<void>;
  /** Seconds a homing cycle takes (before timeScale). */
  homingSeconds?: number;
}

interface Executing {
  remainingS: number;
  totalS: number;
  from: Axes;
  to: Axes;
}

interface PendingMotion {
  target: Axes;
  feed: number;
  rapid: boolean;
}

const BANNER = "\r\nGrbl 1.1h ['$' for help]\r\n";

export class GrblEmulator extends EventEmitter {
  readonly rxBufferSize: number;
  readonly blockBufferSize: number;
  private readonly baud: number;
  readonly timeScale: number;
  faults: EmulatorFaults;
  private port?: SerialPort;
  private readonly settings: Record<number, string> = { ...EMULATOR_SETTINGS_TEXT };
  private plannerSettings: GrblSettings;
  private planner: GrblPlanner;
  /** Machine position = planner position + origin (the planner restarts at 0 after a reset). */
  private origin: Axes = [0, 0, 0];
  private position: Axes = [0, 0, 0];
  private executing?: Executing;
  /** Targets of the planned blocks, oldest first (the planner keeps steps, not end points). */
  private blockEnds: Axes[] = [];
  private pending?: PendingMotion;
  private wire: number[] = [];
  private wireHead = 0;
  private rx: number[] = [];
  private lineCorrupt = false;
  /** When the last byte delivered finished arriving (ms, performance.now clock). */
  private wireClock = 0;
  private wireIdleSince = 0;
  private lastTick = 0;
  private txFreeAt = 0;
  private outQueue: string[] = [];
  private outTimer?: NodeJS.Timeout;
  private ticker?: NodeJS.Timeout;
  private pumpImmediate?: NodeJS.Immediate;
  private homingTimer?: NodeJS.Timeout;
  private reportCount = 0;

  state: MachineState = 'Idle';
  holdComplete = true;
  checkMode = false;
  silent = false;
  stalled = false;
  alarmCode?: number;
  modal = { motion: 1, absolute: true, inches: false, feed: 0, spindle: 0, laser: 'M5' };
  overrides = { feed: 100, rapid: 100, spindle: 100 };
  /** G-code lines taken, in order (what the firmware received and processed). */
  readonly received: string[] = [];
  gcodeLineCount = 0;
  overflows = 0;
  okCount = 0;
  errorCount = 0;
  statusQueries = 0;
  /** Times (performance.now) of the last state changes, for latency checks. */
  stateChangedAt = 0;

  constructor(readonly opts: EmulatorOptions) {
    super();
    this.rxBufferSize = opts.rxBufferSize ?? 128;
    this.blockBufferSize = opts.blockBufferSize ?? 16;
    this.baud = opts.baud ?? 115200;
    this.timeScale = opts.timeScale ?? 1;
    this.faults = opts.faults ?? {};
    this.plannerSettings = emulatorPlannerSettings(this.settings);
    this.planner = new GrblPlanner(this.plannerSettings, this.blockBufferSize);
  }

  async open(path = this.opts.path): Promise<void> {
    const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    this.port = port;
    this.silent = false;
    this.stalled = false;
    port.on('data', (buf: Buffer) => this.onData(buf));
    port.on('error', () => undefined);
    port.on('close', () => {
      if (this.port === port) this.port = undefined;
    });
    this.lastTick = performance.now();
    this.ticker = setInterval(() => this.tick(), 1);
    this.softReset(false);
  }

  async close(): Promise<void> {
    clearInterval(this.ticker);
    clearImmediate(this.pumpImmediate);
    clearTimeout(this.outTimer);
    clearTimeout(this.homingTimer);
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((r) => port.close(() => r()));
  }

  get isOpen(): boolean {
    return !!this.port?.isOpen;
  }

  get machinePosition(): Axes {
    return [...this.position];
  }

  get plannerBlocks(): number {
    return this.planner.count();
  }

  get rxUsed(): number {
    return this.rx.length;
  }

  // ---- serial input, paced at the baud rate ----

  private onData(buf: Buffer): void {
    if (this.silent) return;
    if (this.wire.length === this.wireHead) this.wireIdleSince = performance.now();
    for (const b of buf) this.wire.push(b);
    this.pump();
  }

  private pump(): void {
    clearImmediate(this.pumpImmediate);
    this.pumpImmediate = undefined;
    const now = performance.now();
    let n = this.wire.length - this.wireHead;
    if (this.baud > 0 && n > 0) {
      // The UART clock: each byte takes 10 bits; a byte arriving on an idle line starts when it arrives.
      const byteMs = 10_000 / this.baud;
      if (this.wireClock < now - byteMs) this.wireClock = Math.max(this.wireClock, this.wireIdleSince);
      const due = Math.floor((now - this.wireClock) / byteMs);
      n = Math.max(0, Math.min(n, due));
      this.wireClock += n * byteMs;
    }
    for (let i = 0; i < n; i++) this.deliver(this.wire[this.wireHead++]);
    if (this.wireHead > 4096) {
      this.wire = this.wire.slice(this.wireHead);
      this.wireHead = 0;
    }
    this.processLines();
    // A UART hands over each byte as it lands: poll without timer granularity while bytes are on the wire.
    if (this.wire.length > this.wireHead) this.pumpImmediate = setImmediate(() => this.pump());
  }

  private deliver(b: number): void {
    if (this.silent) return;
    switch (b) {
      case 0x3f: this.statusQueries++; this.send(`${this.statusReport()}\r\n`); return;
      case 0x21: this.feedHold(); return;
      case 0x7e: this.cycleStart(); return;
      case 0x18: this.softReset(true); return;
      case 0x85: this.jogCancel(); return;
      default: break;
    }
    if (b >= 0x80) {
      this.override(b);
      return;
    }
    if (this.rx.length >= this.rxBufferSize - 1) {
      this.overflows++;
      this.lineCorrupt = true;
      this.emit('overflow', this.overflows);
      return;
    }
    this.rx.push(b);
  }

  private processLines(): void {
    for (;;) {
      if (this.silent || this.state === 'Hold') return;
      if (this.pending) {
        // The stepper runs while the serial side waits: bring the motion clock up to date before waiting.
        if (this.planner.isFull()) this.advanceClock();
        if (this.planner.isFull()) return;
        this.planPending();
      }
      const nl = this.rx.findIndex((c) => c === 0x0a || c === 0x0d);
      if (nl < 0) return;
      const raw = String.fromCharCode(...this.rx.slice(0, nl));
      this.rx.splice(0, nl + 1);
      const corrupt = this.lineCorrupt;
      this.lineCorrupt = false;
      if (corrupt) {
        this.reply('error:11');
        continue;
      }
      this.executeLine(raw);
    }
  }

  // ---- replies ----

  private send(text: string): void {
    if (!this.port?.isOpen || this.silent) return;
    if (this.baud <= 0) {
      this.port.write(Buffer.from(text, 'latin1'));
      return;
    }
    this.outQueue.push(text);
    this.flushOut();
  }

  private flushOut(): void {
    if (this.outTimer) return;
    const now = performance.now();
    while (this.outQueue.length) {
      // Short bursts (a few oks) go out at once; only a saturated reply line (a $$ dump) waits for the wire.
      if (this.txFreeAt > now + 5) {
        this.outTimer = setTimeout(() => {
          this.outTimer = undefined;
          this.flushOut();
        }, this.txFreeAt - now);
        return;
      }
      const text = this.outQueue.shift()!;
      this.txFreeAt = Math.max(now, this.txFreeAt) + (text.length * 10 * 1000) / this.baud;
      this.port?.write(Buffer.from(text, 'latin1'));
    }
  }

  private reply(line: string): void {
    if (line === 'ok') this.okCount++;
    else if (line.startsWith('error:')) this.errorCount++;
    this.send(`${line}\r\n`);
  }

  private ok(): void {
    this.reply('ok');
  }

  // ---- line execution ----

  private executeLine(raw: string): void {
    if (this.stalled) return;
    const line = cleanLine(raw);
    if (line.length > 79) return this.reply('error:11');
    if (line.length === 0) return this.ok();
    if (line.startsWith('$')) return this.systemCommand(line);
    this.gcodeLineCount++;
    this.received.push(line);
    if (this.injectFault()) return;
    if (this.state === 'Alarm' || this.state === 'Jog' || this.state === 'Home') return this.reply('error:9');
    const problems = checkLine(line, this.gcodeLineCount);
    if (problems.length) return this.reply(/unreadable/.test(problems[0].message.en) ? 'error:1' : 'error:20');
    this.gcode(line);
  }

  private injectFault(): boolean {
    const f = this.faults;
    const n = this.gcodeLineCount;
    if (f.errorAtLine?.line === n) {
      this.reply(`error:${f.errorAtLine.code}`);
      return true;
    }
    if (f.alarmAtLine?.line === n) {
      this.raiseAlarm(f.alarmAtLine.code);
      return true;
    }
    if (f.dropAtLine === n) {
      void this.drop();
      return true;
    }
    if (f.silentAtLine === n) {
      this.silent = true;
      return true;
    }
    if (f.stallAtLine === n) {
      this.stalled = true;
      return true;
    }
    return false;
  }

  private async drop(): Promise<void> {
    this.silent = true;
    await this.close();
    await this.opts.onDrop?.();
  }

  private gcode(line: string): void {
    const words = [...line.matchAll(/([A-Z])([-+]?(?:\d+\.?\d*|\.\d+))/g)].map((m) => [m[1], Number(m[2])] as const);
    const target: Axes = this.plannerTargetBase();
    let hasAxis = false;
    for (const [l, v] of words) {
      if (l === 'G') {
        if (v === 0 || v === 1 || v === 2 || v === 3) this.modal.motion = v;
        else if (v === 90) this.modal.absolute = true;
        else if (v === 91) this.modal.absolute = false;
        else if (v === 20) this.modal.inches = true;
        else if (v === 21) this.modal.inches = false;
      } else if (l === 'M') {
        if (v === 3 || v === 4 || v === 5) this.modal.laser = `M${v}`;
      } else if (l === 'F') this.modal.feed = this.modal.inches ? v * 25.4 : v;
      else if (l === 'S') this.modal.spindle = v;
    }
    for (const [l, v] of words) {
      const axis = 'XYZ'.indexOf(l);
      if (axis < 0) continue;
      hasAxis = true;
      const mm = this.modal.inches ? v * 25.4 : v;
      target[axis] = this.modal.absolute ? mm : target[axis] + mm;
    }
    if (!hasAxis) return this.ok();
    const rapid = this.modal.motion === 0;
    if (!rapid && this.modal.feed <= 0) return this.reply('error:22');
    if (this.checkMode) {
      this.position = target;
      return this.ok();
    }
    this.pending = { target, feed: this.modal.feed, rapid };
    if (!this.planner.isFull()) this.planPending();
  }

  /** Where the next move starts from: the end of the last planned move. */
  private plannerTargetBase(): Axes {
    const p = this.planner.positionMm();
    return [p[0] + this.origin[0], p[1] + this.origin[1], p[2] + this.origin[2]];
  }

  private planPending(): void {
    const m = this.pending!;
    this.pending = undefined;
    const rel = [m.target[0] - this.origin[0], m.target[1] - this.origin[1], m.target[2] - this.origin[2]];
    const planned = this.planner.bufferLine(rel, { feedRate: m.feed, rapid: m.rapid, inverseTime: false, tag: { line: this.gcodeLineCount, cut: !m.rapid } });
    if (planned) this.blockEnds.push(m.target);
    if (this.state === 'Idle') this.setState('Run');
    this.ok();
  }

  private systemCommand(line: string): void {
    const idle = this.state === 'Idle' || this.state === 'Alarm' || this.state === 'Check';
    if (line === '$$') {
      for (const [k, v] of Object.entries(this.settings)) this.send(`$${k}=${v}\r\n`);
      return this.ok();
    }
    if (line === '$I') {
      this.send(`[VER:1.1h.20190825:]\r\n[OPT:V,${this.blockBufferSize - 1},${this.rxBufferSize}]\r\n`);
      return this.ok();
    }
    if (line === '$G') {
      const m = this.modal;
      this.send(`[GC:G${m.motion} G54 G17 ${m.inches ? 'G20' : 'G21'} ${m.absolute ? 'G90' : 'G91'} G94 ${m.laser} M9 T0 F${m.feed} S${m.spindle}]\r\n`);
      return this.ok();
    }
    if (line === '$#') {
      for (const n of ['G54', 'G55', 'G56', 'G57', 'G58', 'G59', 'G28', 'G30', 'G92']) this.send(`[${n}:0.000,0.000,0.000]\r\n`);
      this.send('[TLO:0.000]\r\n[PRB:0.000,0.000,0.000:0]\r\n');
      return this.ok();
    }
    if (line === '$X') {
      if (this.state === 'Alarm') {
        this.alarmCode = undefined;
        this.setState('Idle');
        this.send('[MSG:Caution: Unlocked]\r\n');
      }
      return this.ok();
    }
    if (line === '$H') {
      if (this.settings[22] !== '1') return this.reply('error:5');
      if (!idle) return this.reply('error:8');
      this.setState('Home');
      this.homingTimer = setTimeout(() => {
        this.resetMotion();
        this.origin = [0, 0, 0];
        this.position = [0, 0, 0];
        this.alarmCode = undefined;
        this.setState('Idle');
        this.ok();
      }, ((this.opts.homingSeconds ?? 2) * 1000) / this.timeScale);
      return;
    }
    if (line === '$C') {
      if (!idle) return this.reply('error:8');
      this.checkMode = !this.checkMode;
      if (this.checkMode) {
        this.setState('Check');
        this.send('[MSG:Enabled]\r\n');
        return this.ok();
      }
      this.send('[MSG:Disabled]\r\n');
      this.ok();
      this.softReset(false);
      return;
    }
    if (line.startsWith('$J=')) {
      if (this.state !== 'Idle' && this.state !== 'Jog') return this.reply('error:8');
      const body = line.slice(3);
      if (!/F/.test(body) || /G[0-3](?!\d)/.test(body.replace(/G9[01]|G2[01]|G53/g, ''))) return this.reply('error:16');
      const saved = { ...this.modal };
      this.gcode(body.includes('G90') || body.includes('G91') ? body : `G91${body}`);
      this.modal = saved;
      if ((this.state as MachineState) === 'Run') this.setState('Jog');
      return;
    }
    const setting = /^\$(\d+)=(.*)$/.exec(line);
    if (setting) {
      if (!idle) return this.reply('error:8');
      this.settings[Number(setting[1])] = setting[2];
      this.plannerSettings = emulatorPlannerSettings(this.settings);
      return this.ok();
    }
    this.reply('error:3');
  }

  // ---- realtime ----

  private setState(s: MachineState): void {
    if (this.state !== s) {
      this.state = s;
      this.stateChangedAt = performance.now();
      this.emit('state', s);
    }
  }

  /** `!` as on Grbl 1.1: a jog is cancelled; a cycle holds; an idle machine holds at once (Hold:0). A hold is a
   * suspend: no line is parsed until `~`, so lines still on their way cannot start motion behind the hold. */
  private feedHold(): void {
    if (this.state === 'Jog') this.jogCancel();
    else if (this.state === 'Run' || this.state === 'Idle') {
      this.setState('Hold');
      this.holdComplete = true;
    }
  }

  private cycleStart(): void {
    if (this.state !== 'Hold') return;
    this.setState(this.planner.isEmpty() && !this.executing && !this.pending ? 'Idle' : 'Run');
    this.processLines();
  }

  private jogCancel(): void {
    if (this.state === 'Jog') {
      this.resetMotion();
      this.setState('Idle');
    }
  }

  private override(b: number): void {
    const o = this.overrides;
    const clamp = (v: number) => Math.min(200, Math.max(10, v));
    if (b === 0x90) o.feed = 100;
    else if (b === 0x91) o.feed = clamp(o.feed + 10);
    else if (b === 0x92) o.feed = clamp(o.feed - 10);
    else if (b === 0x93) o.feed = clamp(o.feed + 1);
    else if (b === 0x94) o.feed = clamp(o.feed - 1);
    else if (b === 0x95) o.rapid = 100;
    else if (b === 0x96) o.rapid = 50;
    else if (b === 0x97) o.rapid = 25;
    else if (b === 0x99) o.spindle = 100;
    else if (b === 0x9a) o.spindle = clamp(o.spindle + 10);
    else if (b === 0x9b) o.spindle = clamp(o.spindle - 10);
    else if (b === 0x9c) o.spindle = clamp(o.spindle + 1);
    else if (b === 0x9d) o.spindle = clamp(o.spindle - 1);
  }

  private raiseAlarm(code: number): void {
    this.resetMotion();
    this.rx = [];
    this.alarmCode = code;
    this.setState('Alarm');
    this.send(`ALARM:${code}\r\n`);
  }

  private resetMotion(): void {
    this.position = this.currentPosition();
    this.origin = [...this.position];
    this.executing = undefined;
    this.pending = undefined;
    this.blockEnds = [];
    this.planner = new GrblPlanner(this.plannerSettings, this.blockBufferSize);
  }

  /** Ctrl-X: stops everything; a reset during motion loses position (ALARM:3), as on the firmware. */
  softReset(announce = true): void {
    clearTimeout(this.homingTimer);
    const moving = (this.state === 'Run' || this.state === 'Jog' || this.state === 'Home') && announce;
    this.resetMotion();
    this.rx = [];
    this.lineCorrupt = false;
    this.wire = this.wire.slice(this.wireHead);
    this.wireHead = 0;
    this.checkMode = false;
    this.stalled = false;
    this.overrides = { feed: 100, rapid: 100, spindle: 100 };
    this.modal = { motion: 1, absolute: true, inches: false, feed: 0, spindle: 0, laser: 'M5' };
    if (moving) {
      this.alarmCode = 3;
      this.setState('Alarm');
      this.send('ALARM:3\r\n');
    }
    if (this.state !== 'Alarm') this.setState('Idle');
    this.send(BANNER);
    if (this.state === 'Alarm') this.send("[MSG:'$H'|'$X' to unlock]\r\n");
  }

  // ---- motion clock ----

  private tick(): void {
    if (this.advanceClock()) this.processLines();
    if ((this.state === 'Run' || this.state === 'Jog') && !this.executing && this.planner.isEmpty() && !this.pending) this.setState('Idle');
  }

  /** Runs the motion clock up to now; true when a block finished (the planner has room again). */
  private advanceClock(): boolean {
    const now = performance.now();
    let dt = ((now - this.lastTick) / 1000) * this.timeScale;
    this.lastTick = now;
    if (this.state !== 'Run' && this.state !== 'Jog') return false;
    let moved = false;
    while (dt > 0) {
      if (!this.executing && !this.startBlock()) break;
      const ex = this.executing!;
      if (ex.remainingS > dt) {
        ex.remainingS -= dt;
        dt = 0;
      } else {
        dt -= ex.remainingS;
        this.position = ex.to;
        this.executing = undefined;
        this.planner.discardCurrent();
        moved = true;
      }
    }
    return moved;
  }

  private startBlock(): boolean {
    const block = this.planner.current();
    if (!block) return false;
    const exitSqr = this.planner.execBlockExitSpeedSqr();
    const nominal = GrblPlanner.nominalSpeed(block);
    const profile = blockProfile(block.millimeters, block.acceleration, block.entrySpeedSqr, exitSqr, nominal);
    const totalS = Math.max(profile.timeMin * 60, 1e-6);
    const from = [...this.position] as Axes;
    const to = this.blockEnds.shift() ?? from;
    this.executing = { remainingS: totalS, totalS, from, to };
    return true;
  }

  private currentPosition(): Axes {
    const ex = this.executing;
    if (!ex) return [...this.position];
    const f = 1 - ex.remainingS / ex.totalS;
    return [0, 1, 2].map((i) => ex.from[i] + (ex.to[i] - ex.from[i]) * f) as Axes;
  }

  private statusReport(): string {
    this.reportCount++;
    const pos = this.currentPosition();
    const free = this.blockBufferSize - 1 - this.planner.count();
    const withExtras = this.reportCount % 10 === 1;
    const feed = this.state === 'Run' ? Math.round(this.modal.feed) : 0;
    const spindle = this.state === 'Run' && this.modal.laser !== 'M5' ? Math.round(this.modal.spindle) : 0;
    return formatStatusReport({
      state: this.state,
      subState: this.state === 'Hold' ? (this.holdComplete ? 0 : 1) : undefined,
      mpos: pos,
      buffer: { blocksFree: free, rxFree: this.rxBufferSize - 1 - this.rx.length },
      feed,
      spindle,
      pins: '',
      wco: withExtras ? [0, 0, 0] : undefined,
      overrides: withExtras ? { ...this.overrides } : undefined,
    });
  }
}
