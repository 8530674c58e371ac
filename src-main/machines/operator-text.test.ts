// Machine errors reach the UI in both languages: the contract error carries details.message {en, id}.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database';
import { TaskRegistry } from '../services/task-registry';
import type { CoreDeps } from '../services/core-deps';
import type { HandlerContext } from '../../src-shared/contract/index';
import { ContractError } from '../../src-shared/contract/define';
import { errorText } from '../../src-shared/contract/error-text';
import { createMachineHandlers } from './handlers';
import { operatorText } from './machine';

const deps = (): CoreDeps => ({
  db: openDatabase(':memory:'), dataDir: '/nonexistent', shell: 'browser', appVersion: 'test', now: () => new Date(),
  tasks: new TaskRegistry(), broadcast: () => {}, onClose: () => {},
});
const ctx: HandlerContext = { emit: () => {} };

async function failure(p: unknown): Promise<ContractError> {
  const err = await Promise.resolve(p).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ContractError);
  return err as ContractError;
}

describe('operator messages', () => {
  it('says what went wrong in Indonesian and English', async () => {
    const h = createMachineHandlers(deps());
    const unknown = await failure(h['jobs.start']({ machineId: 'nope', gcode: 'G0 X1', name: 'x', operator: 'Sari' }, ctx));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(errorText(unknown, 'en')).toBe('no machine nope');
    expect(errorText(unknown, 'id')).toBe('tidak ada mesin nope');

    const m = await h['machines.add']({ kind: 'serial', name: 'Laser', port: '/dev/ttyACM-missing', baud: 115200 }, ctx);
    const missing = await failure(h['machines.connect']({ id: m.id }, ctx));
    expect(missing.code).toBe('UNAVAILABLE');
    expect(errorText(missing, 'id')).toMatch(/^port serial \/dev\/ttyACM-missing tidak ada/);
    expect(errorText(missing, 'en')).toMatch(/^serial port \/dev\/ttyACM-missing does not exist/);

    const empty = await failure(h['jobs.start']({ machineId: m.id, gcode: '; only a comment', name: 'x', operator: 'Sari' }, ctx));
    expect(errorText(empty, 'id')).toBe('G-code tidak berisi baris untuk dikirim');
  });

  it('keeps a plain error\'s message in both languages', () => {
    expect(operatorText(new Error('boom'))).toEqual({ en: 'boom', id: 'boom' });
  });
});
