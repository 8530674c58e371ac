// electron-builder cannot run here (no Electron binary), so this test checks the packaging config that a
// release machine will use: identity, files, native modules unpacked, targets, associations, icons.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('electron-builder.yml', () => {
  it('names the app and ships the bundled main, preload and renderer', () => {
    expect(config.appId).toBe('id.acrylichub.pro');
    expect(config.productName).toBe('AcrylicHub Pro');
    expect(config.files).toEqual(expect.arrayContaining(['dist-electron/**', 'dist/renderer/**', 'resources/**']));
    expect(config.extraMetadata.main).toBe('dist-electron/main.cjs');
    expect(config.directories.buildResources).toBe('build');
  });

  it('unpacks every native module from the asar and rebuilds them for Electron', () => {
    for (const mod of ['better-sqlite3', 'serialport', 'keytar']) {
      expect(config.asarUnpack.some((p: string) => p.includes(mod)), mod).toBe(true);
    }
    expect(config.npmRebuild).toBe(true);
  });

  it('builds AppImage + deb, NSIS and dmg with icons from build/', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toContain('nsis');
    expect(config.mac.target).toContain('dmg');
    expect(existsSync(join(root, config.win.icon))).toBe(true);
    expect(existsSync(join(root, config.mac.icon))).toBe(true);
    expect(existsSync(join(root, config.linux.icon, '256x256.png'))).toBe(true);
  });

  it('associates .dxf files with the app', () => {
    expect(config.fileAssociations.map((a: { ext: string }) => a.ext)).toContain('dxf');
  });

  it('has electron and electron-builder as dev dependencies (required by electron-builder)', () => {
    expect(pkg.devDependencies.electron).toBeDefined();
    expect(pkg.devDependencies['electron-builder']).toBeDefined();
    expect(pkg.dependencies.electron).toBeUndefined();
  });
});
