// Runs the emulator by hand: `npx tsx test/grbl-emulator/run.ts [--time-scale N] [--baud N]` prints the host
// port path to give to `acrylichub send --port` or `acrylichub bridge --port`; Ctrl-C stops it.
import { createPtyPair } from './pty-pair';
import { GrblEmulator } from './emulator';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const pty = await createPtyPair();
const emulator = new GrblEmulator({ path: pty.devicePath, baud: arg('--baud', 115200), timeScale: arg('--time-scale', 1) });
await emulator.open();
process.stdout.write(`${pty.hostPath}\n`);
process.on('SIGINT', async () => {
  await emulator.close();
  await pty.dispose();
  process.stderr.write(`lines ${emulator.gcodeLineCount}, overflows ${emulator.overflows}\n`);
  process.exit(0);
});
