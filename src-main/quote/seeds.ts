// Reads the seed libraries shipped in resources/ (materials/*.json, machines/*.json), validated by the shared
// schemas; a broken seed file is named in the error instead of silently skipped.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { formatZodError } from '../../src-shared/contract/define';
import { machineProfileSchema, type MachineProfile } from '../../src-shared/materials/machine-schema';
import { materialSchema, type Material } from '../../src-shared/materials/material-schema';

/**
 * resources/ of this checkout (ESM under tsx), or beside dist-electron/ in the Electron bundle (CommonJS, where
 * esbuild leaves import.meta empty), or ACRYLICHUB_RESOURCES_DIR when a packaging puts it elsewhere.
 */
export function defaultResourcesDir(): string {
  if (process.env.ACRYLICHUB_RESOURCES_DIR) return process.env.ACRYLICHUB_RESOURCES_DIR;
  const url = (import.meta as { url?: string }).url;
  return url ? fileURLToPath(new URL('../../resources', url)) : join(__dirname, '..', 'resources');
}

function readAll<T>(dir: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
      } catch (err) {
        throw new Error(`seed file ${file} is not valid JSON: ${(err as Error).message}`);
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) throw new Error(`seed file ${file}: ${formatZodError(parsed.error)}`);
      return parsed.data;
    });
}

export function loadSeedMaterials(resourcesDir = defaultResourcesDir()): Material[] {
  return readAll(join(resourcesDir, 'materials'), materialSchema);
}

export function loadSeedMachines(resourcesDir = defaultResourcesDir()): MachineProfile[] {
  return readAll(join(resourcesDir, 'machines'), machineProfileSchema);
}
