// LineTransport over a serial port with the `serialport` package (exclusive lock, 8N1, lines split by its
// ReadlineParser). Open errors are turned into plain words: the port does not exist, is busy, or is not allowed.
import { ReadlineParser, SerialPort } from 'serialport';
import { existsSync } from 'node:fs';
import { TransportError, type LineTransport } from './transport';

export class SerialTransport implements LineTransport {
  private port?: SerialPort;
  private lineListeners: ((line: string) => void)[] = [];
  private closeListeners: ((reason: string) => void)[] = [];
  private closedReason?: string;

  constructor(readonly path: string, readonly baudRate = 115200) {}

  get isOpen(): boolean {
    return !!this.port?.isOpen;
  }

  async open(): Promise<void> {
    if (!existsSync(this.path)) throw new TransportError('missing', { en: `serial port ${this.path} does not exist (is the machine plugged in and switched on?)`, id: `port serial ${this.path} tidak ada (apakah mesin tersambung dan menyala?)` });
    const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false, lock: true });
    await new Promise<void>((resolve, reject) =>
      port.open((err) => {
        if (!err) return resolve();
        const msg = err.message;
        if (/lock|busy|temporarily unavailable/i.test(msg)) reject(new TransportError('busy', { en: `serial port ${this.path} is busy: another program (or another AcrylicHub window) has it open`, id: `port serial ${this.path} sedang dipakai program lain (atau jendela AcrylicHub lain)` }));
        else if (/permission|EACCES/i.test(msg)) reject(new TransportError('permission', { en: `no permission to open ${this.path} (on Linux add the user to the dialout group)`, id: `tidak ada izin membuka ${this.path} (di Linux tambahkan pengguna ke grup dialout)` }));
        else if (/ENOENT|No such file/i.test(msg)) reject(new TransportError('missing', { en: `serial port ${this.path} does not exist`, id: `port serial ${this.path} tidak ada` }));
        else reject(new TransportError('io', { en: `cannot open ${this.path}: ${msg}`, id: `tidak dapat membuka ${this.path}: ${msg}` }));
      }),
    );
    this.port = port;
    this.closedReason = undefined;
    const parser = port.pipe(new ReadlineParser({ delimiter: '\n', encoding: 'latin1' }));
    parser.on('data', (line: string) => {
      const clean = line.replace(/\r$/, '');
      for (const l of this.lineListeners) l(clean);
    });
    port.on('error', (err: Error) => this.finish(`serial error: ${err.message}`));
    port.on('close', (err: { disconnected?: boolean } | null) => this.finish(err?.disconnected ? 'the serial link was lost (cable pulled or controller reset)' : 'closed'));
  }

  private finish(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    for (const l of this.closeListeners) l(reason);
  }

  write(data: string | Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.reject(new TransportError('io', { en: `serial port ${this.path} is not open`, id: `port serial ${this.path} belum terbuka` }));
    return new Promise((resolve, reject) => {
      port.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data), (err) => (err ? reject(err) : resolve()));
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    if (!port) return;
    this.finish('closed');
    if (port.isOpen) await new Promise<void>((r) => port.close(() => r()));
    this.port = undefined;
  }

  onLine(listener: (line: string) => void): void {
    this.lineListeners.push(listener);
  }

  onClose(listener: (reason: string) => void): void {
    this.closeListeners.push(listener);
  }
}
