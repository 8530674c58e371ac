// Quotes and design revisions made on one device appear in another device's own lists after a sync (through the
// real cloud API and PostgreSQL): the quotes list shows pulled quotes with their fields merged last-writer-wins,
// the design library gets the pulled revisions in order, and quote numbers of linked devices never collide.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Path } from '../../../src-shared/geometry/types';
import { quoteSaveSchema } from '../../../src-shared/contract/channels/quote';
import { seedOrg } from '../../../cloud-api/test/helpers';
import { LibraryService } from '../../quote/library-service';
import { QuoteService } from '../../quote/quote-service';
import { DesignService } from '../../services/design-service';
import { adoptDeviceCode, deviceCode } from '../quote-number';
import { startCloud, type CloudFixture } from './cloud-fixture';
import { makeDevice, syncOnce, type Device } from './device-fixture';

let cloud: CloudFixture;
beforeAll(async () => {
  cloud = await startCloud({ listen: true });
});
afterAll(() => cloud?.close());

const square = (size: number): Path => ({
  id: 'o', layer: 'CUT', entity: 'LWPOLYLINE', closed: true,
  segments: [[0, 0, size, 0], [size, 0, size, size], [size, size, 0, size], [0, size, 0, 0]].map(([ax, ay, bx, by]) => ({ kind: 'line' as const, a: { x: ax, y: ay }, b: { x: bx, y: by } })),
});
const layers = [{ name: 'CUT', operation: 'cut' as const, visible: true, locked: false }];
const units = { source: 'default' as const, unit: 'mm', scaleToMm: 1 };
const quoteRequest = (customerName: string) => quoteSaveSchema.parse({
  design: { name: 'Coaster', paths: [square(90)], layers }, materialId: 'acrylic-cast-clear', thicknessMm: 3,
  machineId: 'co2-60w-1300x900', quantity: 10, customerName, lang: 'en',
});

async function linkedDevice(name: string, org: string) {
  const user = await cloud.user('company_admin', org);
  const d = await makeDevice(name, cloud.url, user.tokens.refreshToken);
  adoptDeviceCode(d.store.state);
  return { d, quotes: new QuoteService(d.db, new LibraryService(d.db)), designs: new DesignService(d.db) };
}
const syncAll = async (...ds: Device[]) => {
  for (const d of [...ds, ...ds]) expect(await syncOnce(d)).toBe(true);
};

it('lists quotes and design revisions from other devices, merged per field, under numbers unique per organisation', async () => {
  const org = await seedOrg(cloud.db);
  const a = await linkedDevice('replica-a', org);
  const b = await linkedDevice('replica-b', org);

  // Both devices save their first quote of the year offline: different numbers, each carrying its device code.
  const qa = a.quotes.save(quoteRequest('PT Maju'));
  const qb = b.quotes.save(quoteRequest('CV Sentosa'));
  const year = new Date().getUTCFullYear();
  expect(qa.number).toBe(`Q-${year}-${deviceCode(a.d.store.state.deviceId())}-000001`);
  expect(qb.number).toMatch(new RegExp(`^Q-${year}-[0-9A-HJKMNP-TV-Z]{4}-000001$`));
  expect(qb.number).not.toBe(qa.number);

  // A designs a sign and saves it twice; B edits the customer of A's quote after A edited it (B's edit wins).
  const design = a.designs.save({ name: 'Sign', paths: [square(100)], layers, units, findings: [] });
  a.designs.save({ id: design.id, name: 'Sign v2', paths: [square(100), { ...square(20), id: 'i' }], layers, units, findings: [] });
  await syncAll(a.d, b.d);
  a.d.store.upsertQuote(qa.id, { customerName: 'PT Maju (old edit)' });
  await new Promise((r) => setTimeout(r, 5));
  b.d.store.upsertQuote(qa.id, { customerName: 'PT Maju Bersama' });
  await syncAll(a.d, b.d);

  for (const dev of [a, b]) {
    const list = dev.quotes.list(undefined, 10);
    expect(list.map((q) => q.number).sort()).toEqual([qa.number, qb.number].sort());
    expect(list.find((q) => q.id === qa.id)).toMatchObject({ customerName: 'PT Maju Bersama', quantity: 10, totalIdr: qa.result.price.totalIdr, materialId: 'acrylic-cast-clear' });
    expect(dev.quotes.list('Sentosa', 10).map((q) => q.id)).toEqual([qb.id]);
  }
  expect(() => b.quotes.get(qa.id)).toThrow(/made on another device.*dibuat di perangkat lain/);

  // B's design library has A's design with both revisions, in order; A's own history is not doubled.
  expect(b.designs.revisions(design.id).map((r) => r.revision)).toEqual([1, 2]);
  expect(b.designs.get(design.id)).toMatchObject({ name: 'Sign v2', revision: 2 });
  expect(b.designs.get(design.id, 1).paths).toHaveLength(1);
  expect(a.designs.revisions(design.id).map((r) => r.revision)).toEqual([1, 2]);
  // A revision B saves reaches A's history as its third.
  b.designs.save({ id: design.id, name: 'Sign v3', paths: [square(120)], layers, units, findings: [] });
  await syncAll(b.d, a.d);
  expect(a.designs.revisions(design.id).map((r) => r.revision)).toEqual([1, 2, 3]);
  expect(a.designs.get(design.id).name).toBe('Sign v3');
  expect(b.designs.revisions(design.id).map((r) => r.revision)).toEqual([1, 2, 3]);
  for (const dev of [a, b]) dev.d.db.close();
});
