// The desktop's view of a remote job when the bridge's messages arrive out of order: running progress and status
// go at QoS 0 and the terminal progress at QoS 1, so a status carrying the finished job can arrive before the
// terminal progress, and a retained progress can be older than what the desktop already has. Published by hand
// to the embedded broker in the worst order, deterministically.
import { afterEach, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { topics } from '../../../src-shared/grbl/mqtt-topics';
import type { JobProgressSnapshot } from '../../machines/job-runner';
import { RemoteMachine } from '../remote-machine';
import { PASSWORD, USER, startEmbedded } from './brokers';

const closers: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

const snapshot = (status: JobProgressSnapshot['status'], ackedLines: number, at: string): JobProgressSnapshot => ({
  jobId: 'job-x', status, totalLines: 100, sentLines: ackedLines, ackedLines, startLine: 0, etaSeconds: null, elapsedSeconds: 1, at,
});

describe('remote machine job snapshots', () => {
  it('takes the newest snapshot from status or progress and ignores older ones', async () => {
    const broker = await startEmbedded();
    closers.push(() => broker.stop());
    const remote = new RemoteMachine({ id: 'desk', remoteId: 'laser-7', mqtt: { url: broker.url, username: USER, password: PASSWORD } });
    await remote.connect();
    closers.push(() => remote.disconnect());
    const seen: JobProgressSnapshot[] = [];
    remote.on('job', (p) => seen.push(p));
    const bridge = await mqtt.connectAsync(broker.url, { username: USER, password: PASSWORD });
    closers.push(() => bridge.endAsync());
    const status = (job: JobProgressSnapshot) => bridge.publishAsync(topics.status('laser-7'), JSON.stringify({ machineId: 'laser-7', online: true, connected: true, job }));
    const progress = (job: JobProgressSnapshot) => bridge.publishAsync(topics.progress('laser-7', 'job-x'), JSON.stringify(job));

    await progress(snapshot('running', 40, '2026-11-26T10:00:01.000Z'));
    await status(snapshot('aborted', 52, '2026-11-26T10:00:03.000Z')); // the status overtook the terminal progress
    await progress(snapshot('aborted', 52, '2026-11-26T10:00:02.000Z')); // the terminal progress, older than the status
    await progress(snapshot('running', 45, '2026-11-26T10:00:01.500Z')); // a late running progress
    await status(snapshot('aborted', 52, '2026-11-26T10:00:03.000Z')); // the same status again
    const until = Date.now() + 5000;
    while (seen.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200)); // anything later would have arrived by now
    expect(seen.map((p) => [p.status, p.ackedLines])).toEqual([['running', 40], ['aborted', 52]]);
    expect(remote.snapshot().job).toMatchObject({ status: 'aborted', ackedLines: 52 });
  });
});
