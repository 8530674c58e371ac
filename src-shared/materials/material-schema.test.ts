import { describe, expect, it } from 'vitest';
import { materialSchema, type MaterialInput } from './material-schema';
import { presetsForMachine, selectThickness } from './select';
import { machineProfileSchema } from './machine-schema';

const preset = { speedMmPerMin: 840, powerPct: 65, passes: 1, airAssist: true };
function variant(t: number) {
  return {
    thicknessMm: t, kerfMm: 0.15, pierceTimeS: 0.3, minHoleMm: t, minFeatureMm: 1.5,
    sheets: [{ id: 'full', widthMm: 1220, heightMm: 2440, priceIdr: 900000 }],
    presets: { cut: preset, score: { ...preset, speedMmPerMin: 9000 }, engrave: { ...preset, speedMmPerMin: 18000, linePitchMm: 0.1, overscanMm: 2 } },
  };
}
const base: MaterialInput = {
  id: 'acrylic-test', name: 'Test acrylic', nameId: 'Akrilik uji', kind: 'cast', finish: 'clear', colours: ['clear'],
  transparent: true, densityGPerCm3: 1.19, presetReferenceW: 60, thicknesses: [variant(2), variant(3), variant(5)],
};

describe('materialSchema', () => {
  it('accepts a material and defaults offcut and notes', () => {
    const m = materialSchema.parse(base);
    expect(m.thicknesses[0].sheets[0].offcut).toBe(false);
    expect(m.notes).toBe('');
  });
  it('rejects duplicate thicknesses, duplicate sheet ids, fractional prices and unknown finishes', () => {
    expect(materialSchema.safeParse({ ...base, thicknesses: [variant(3), variant(3)] }).error?.issues[0].message).toMatch(/listed twice/);
    const dupSheet = variant(3);
    dupSheet.sheets.push({ ...dupSheet.sheets[0] });
    expect(materialSchema.safeParse({ ...base, thicknesses: [dupSheet] }).success).toBe(false);
    const frac = variant(3);
    frac.sheets[0].priceIdr = 10.5;
    expect(materialSchema.safeParse({ ...base, thicknesses: [frac] }).success).toBe(false);
    expect(materialSchema.safeParse({ ...base, finish: 'glitter' }).success).toBe(false);
  });
});

describe('selection', () => {
  const m = materialSchema.parse(base);
  it('picks the asked thickness, 3 mm by default, and names the available ones otherwise', () => {
    expect(selectThickness(m, 5).thicknessMm).toBe(5);
    expect(selectThickness(m).thicknessMm).toBe(3);
    expect(() => selectThickness(m, 4)).toThrow('material "acrylic-test" has no 4 mm thickness (available: 2, 3, 5 mm) / ketebalan 4 mm tidak tersedia');
  });
  it('scales preset speeds by laser power, capped at 2× and at the machine max rate', () => {
    const machine = machineProfileSchema.parse({
      id: 'm', name: 'M', kind: 'co2', laserPowerW: 30, bedMm: { x: 600, y: 400 }, maxCutThicknessMm: 6,
      grbl: { $1: 255, $11: 0.01, $12: 0.002, $30: 1000, $31: 0, $32: 1, $110: 12000, $111: 10000, $112: 500, $120: 1000, $121: 1000, $122: 10 },
      jobOverheadS: 60, hourlyRateIdr: 50000,
    });
    const p = presetsForMachine(m, selectThickness(m, 3), machine);
    expect(p.speedFactor).toBe(0.5);
    expect(p.cut.speedMmPerMin).toBe(420);
    expect(p.engrave.speedMmPerMin).toBe(9000);
    const strong = presetsForMachine(m, selectThickness(m, 3), { ...machine, laserPowerW: 300 });
    expect(strong.speedFactor).toBe(2);
    expect(strong.engrave.speedMmPerMin).toBe(10000);
  });
});
