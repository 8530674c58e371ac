// The contract is merged from one file per area with object spreads, which would silently let one area's
// channel replace another's of the same name. This test reads every area file and refuses duplicates, and
// checks that each channel and event has a description and schemas.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channels, events } from './index';

describe('contract', () => {
  it('has no channel or event name defined by two areas', async () => {
    const dir = join(import.meta.dirname, 'channels');
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const mod = (await import(`./channels/${file.replace(/\.ts$/, '')}`)) as Record<string, unknown>;
      for (const [exportName, value] of Object.entries(mod)) {
        if (!/(Channels|Events)$/.test(exportName) || typeof value !== 'object' || value === null) continue;
        for (const name of Object.keys(value)) {
          const key = `${exportName.endsWith('Events') ? 'event' : 'channel'} ${name}`;
          if (seen.has(key)) clashes.push(`${key} in ${file} and ${seen.get(key)}`);
          seen.set(key, file);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('every channel and event is described and has schemas', () => {
    for (const [name, def] of Object.entries(channels)) {
      expect(def.description, name).not.toBe('');
      expect(typeof def.input.safeParse, name).toBe('function');
      expect(typeof def.output.safeParse, name).toBe('function');
    }
    for (const [name, def] of Object.entries(events)) {
      expect(def.description, name).not.toBe('');
      expect(typeof def.payload.safeParse, name).toBe('function');
    }
  });
});
