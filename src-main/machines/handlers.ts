// Handlers of the machines and jobs channels over the MachineRegistry; operator-facing failures become
// ContractErrors (not connected → UNAVAILABLE, busy → CONFLICT, bad G-code → BAD_INPUT, unknown → NOT_FOUND).
import { SerialPort } from 'serialport';
import { ContractError, type ErrorCode } from '../../src-shared/contract/define';
import type { Handlers, HandlerContext } from '../../src-shared/contract/index';
import type { machineChannels } from '../../src-shared/contract/channels/machines';
import type { CoreDeps } from '../services/core-deps';
import { GrblError } from './grbl-connection';
import { JobService } from './job-service';
import { MachineError } from './machine';
import { MachinePasswords } from './machine-passwords';
import { MachineStore } from './machine-store';
import { MachineRegistry, type MachineFactory } from './machine-registry';
import { SerialMachine } from './serial-machine';
import { TransportError } from './transport';

type MachineChannels = keyof typeof machineChannels;

const CODES: Record<MachineError['kind'], ErrorCode> = {
  'not-connected': 'UNAVAILABLE',
  busy: 'CONFLICT',
  'bad-gcode': 'BAD_INPUT',
  'not-found': 'NOT_FOUND',
  unavailable: 'UNAVAILABLE',
};

function toContractError(err: unknown): unknown {
  // details.message carries the operator text in both languages; the UI shows the one it speaks.
  if (err instanceof MachineError) return new ContractError(CODES[err.kind], err.message, { message: err.text });
  if (err instanceof TransportError) return new ContractError('UNAVAILABLE', err.message, { message: err.text });
  if (err instanceof GrblError) return new ContractError('CONFLICT', err.message, { message: err.text });
  return err;
}

export function createMachineHandlers(
  deps: CoreDeps, opts: { factory?: MachineFactory; passwords?: MachinePasswords } = {},
): Pick<Handlers, MachineChannels> {
  const jobs = new JobService(deps.db, deps.now);
  const passwords = opts.passwords ?? MachinePasswords.inDataDir(deps.dataDir, deps.db);
  const registry = new MachineRegistry(new MachineStore(deps.db, deps.now), jobs, passwords, opts.factory);
  // Old databases kept MQTT passwords in SQLite; a failure here leaves them readable where they were.
  void passwords.moveLegacy().catch((err: Error) => console.warn(`machines: MQTT passwords stay in the database for now: ${err.message}`));
  deps.onClose(() => registry.closeAll());

  const wrap = <I, O>(fn: (input: I) => O | Promise<O>) => async (input: I, ctx: HandlerContext): Promise<O> => {
    registry.addSink(ctx.emit);
    try {
      return await fn(input);
    } catch (err) {
      throw toContractError(err);
    }
  };
  const ok = { ok: true as const };

  return {
    'machines.list': wrap(() => registry.list()),
    // Listing needs udev on Linux; without it the user can still type the port, so an empty list is the answer.
    'machines.ports': wrap(async () => (await SerialPort.list().catch(() => [])).map((p) => ({
      path: p.path, manufacturer: p.manufacturer, serialNumber: p.serialNumber, vendorId: p.vendorId, productId: p.productId,
    }))),
    'machines.add': wrap((cfg) => registry.add(cfg)),
    'machines.remove': wrap(async ({ id }) => ({ removed: await registry.remove(id) })),
    'machines.connect': wrap(async ({ id }) => {
      const m = registry.get(id);
      await m.connect();
      return m.snapshot();
    }),
    'machines.disconnect': wrap(async ({ id }) => {
      const m = registry.get(id);
      await m.disconnect();
      return m.snapshot();
    }),
    'machines.status': wrap(({ id }) => registry.get(id).snapshot()),
    'machines.jog': wrap(async ({ id, ...j }) => (await registry.get(id).jog(j), ok)),
    'machines.jogCancel': wrap(async ({ id }) => (await registry.get(id).jogCancel(), ok)),
    'machines.home': wrap(async ({ id }) => (await registry.get(id).home(), ok)),
    'machines.unlock': wrap(async ({ id }) => (await registry.get(id).unlock(), ok)),
    'machines.reset': wrap(async ({ id }) => (await registry.get(id).reset(), ok)),
    'machines.override': wrap(async ({ id, kind, percent }) => (await registry.get(id).override(kind, percent), ok)),
    'machines.frame': wrap(async ({ id, gcode }) => (await registry.get(id).frame(gcode), ok)),
    'machines.frameBox': wrap(async ({ id, bbox, powerPct, speedMmPerMin }) => {
      const gcode = registry.frameGcode(id, bbox, powerPct, speedMmPerMin);
      await registry.get(id).frame(gcode);
      return { gcode };
    }),
    'machines.setting': wrap(async ({ id, key, value }) => (await registry.get(id).writeSetting(key, value), ok)),
    'jobs.enqueue': wrap((input) => registry.enqueue(input)),
    'jobs.start': wrap(async (input) => {
      const jobId = 'jobId' in input ? input.jobId : registry.enqueue(input).id;
      return registry.start(jobId);
    }),
    'jobs.check': wrap(async ({ machineId, gcode }) => {
      const m = registry.get(machineId);
      if (!(m instanceof SerialMachine)) throw new MachineError('unavailable', {
        en: 'check mode runs on serial machines (run it on the bridge with acrylichub send --check)',
        id: 'mode periksa hanya untuk mesin serial (jalankan di bridge dengan acrylichub send --check)',
      });
      const r = await m.check(gcode);
      return { lines: r.lines, problems: r.problems.map((p) => ({ line: p.index + 1, code: p.code, message: { en: p.en, id: p.id } })) };
    }),
    'jobs.pause': wrap(({ jobId }) => registry.control(jobId, 'pause')),
    'jobs.resume': wrap(({ jobId }) => registry.control(jobId, 'resume')),
    'jobs.abort': wrap(({ jobId }) => registry.control(jobId, 'abort')),
    'jobs.resumeInterrupted': wrap(({ jobId }) => registry.control(jobId, 'resumeInterrupted')),
    'jobs.remove': wrap(({ jobId }) => ({ removed: jobs.remove(jobId) })),
    'jobs.queue': wrap(({ machineId }) => jobs.queue(machineId)),
    'jobs.history': wrap(({ machineId, limit }) => jobs.history(machineId, limit)),
    'jobs.get': wrap(({ jobId }) => ({ ...registry.requireJob(jobId), log: jobs.log(jobId) })),
  };
}
