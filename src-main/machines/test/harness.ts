// Shared set-up for the integration tests: a socat pty pair, the Grbl emulator on its device end and a
// connected GrblConnection on its host end.
import { createPtyPair, type PtyPair } from '../../../test/grbl-emulator/pty-pair';
import { GrblEmulator, type EmulatorOptions } from '../../../test/grbl-emulator/emulator';
import { GrblConnection, type ConnectionOptions } from '../grbl-connection';
import { SerialTransport } from '../serial-transport';

export interface Rig {
  pty: PtyPair;
  emulator: GrblEmulator;
  conn: GrblConnection;
  stop(): Promise<void>;
}

export async function startEmulator(opts: Partial<EmulatorOptions> = {}): Promise<{ pty: PtyPair; emulator: GrblEmulator }> {
  const pty = await createPtyPair();
  const emulator = new GrblEmulator({ path: pty.devicePath, baud: 0, timeScale: 50, ...opts });
  await emulator.open();
  return { pty, emulator };
}

export async function startRig(opts: Partial<EmulatorOptions> = {}, connOpts: ConnectionOptions = {}): Promise<Rig> {
  const { pty, emulator } = await startEmulator(opts);
  const conn = new GrblConnection(new SerialTransport(pty.hostPath), { bannerTimeoutMs: 1000, ...connOpts });
  await conn.connect();
  return {
    pty,
    emulator,
    conn,
    async stop() {
      await conn.close().catch(() => undefined);
      await emulator.close();
      await pty.dispose();
    },
  };
}

/** A job of `n` short cutting moves around a 100 mm square (every line a motion block). */
export function squareJob(n: number): string[] {
  const lines = ['G21', 'G90', 'M4S500', 'G1F3000'];
  for (let i = 0; i < n - 5; i++) {
    const t = (i % 400) / 400;
    const side = Math.floor((i % 1600) / 400);
    const x = side === 0 ? t * 100 : side === 1 ? 100 : side === 2 ? 100 - t * 100 : 0;
    const y = side === 0 ? 0 : side === 1 ? t * 100 : side === 2 ? 100 : 100 - t * 100;
    lines.push(`G1X${x.toFixed(3)}Y${y.toFixed(3)}`);
  }
  lines.push('M5');
  return lines;
}
