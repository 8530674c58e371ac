import { describe, expect, it } from 'vitest';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { guardPaths } from './path-guard';
import { TaskRegistry } from './task-registry';
import { openDatabase } from '../store/database';

const deps = () => ({ db: openDatabase(':memory:'), dataDir: '/tmp', shell: 'electron' as const, appVersion: '0', now: () => new Date(), tasks: new TaskRegistry(), broadcast: () => {}, onClose: () => {} });

describe('path guard', () => {
  it('refuses file paths the user did not choose, for reading and for writing', async () => {
    const handlers = guardPaths(createHandlers(deps()), (_kind, path) => path === '/home/u/chosen.dxf');
    const ctx = { emit: () => {} };
    const read = await dispatch(handlers, 'files.import', { path: '/etc/passwd' }, ctx);
    expect(read).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const write = await dispatch(handlers, 'quote.pdf', { id: '0190f0f0-0000-7000-8000-000000000000', path: '/home/u/.bashrc' }, ctx);
    expect(write).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const chosen = await dispatch(handlers, 'files.import', { path: '/home/u/chosen.dxf' }, ctx);
    expect(chosen).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/chosen.dxf/) } }); // allowed through; the file just is not there
  });
});
