import { describe, expect, it } from 'vitest';
import { parseGrblSettingsDump } from './grbl-dump';
import { machineProfileSchema, toGrblSettings, fromGrblSettings } from './machine-schema';
import { GRBL_DEFAULT_SETTINGS } from '../planner/settings';

// A `$$` answer as GRBL 1.1h prints it (plus the banner and ok the user often pastes along).
const DUMP = `Grbl 1.1h ['$' for help]
$0=10
$1=255
$2=0
$3=2
$10=1
$11=0.020
$12=0.002
$13=0
$20=0
$21=0
$22=1
$30=1000
$31=0
$32=1
$100=80.000
$101=80.000
$102=250.000
$110=24000.000
$111=18000.000
$112=500.000
$120=2500.000
$121=2000.000
$122=10.000
$130=1300.000
ok
`;

describe('parseGrblSettingsDump', () => {
  it('reads every setting the time model needs and keeps the rest as written', () => {
    const r = parseGrblSettingsDump(DUMP);
    expect(r.missing).toEqual([]);
    expect(r.settings).toEqual({
      $1: 255, $11: 0.02, $12: 0.002, $30: 1000, $31: 0, $32: 1, $100: 80, $101: 80, $102: 250,
      $110: 24000, $111: 18000, $112: 500, $120: 2500, $121: 2000, $122: 10,
    });
    expect(r.raw.$130).toBe('1300.000');
    expect(r.raw.$0).toBe('10');
  });

  it('accepts GRBL 0.9 style comments and CRLF, and reports missing settings kept from the base', () => {
    const r = parseGrblSettingsDump('$110=6000.000 (x max rate, mm/min)\r\n$120=1000 (x accel, mm/sec^2)\r\n');
    expect(r.settings.$110).toBe(6000);
    expect(r.settings.$120).toBe(1000);
    expect(r.settings.$111).toBe(GRBL_DEFAULT_SETTINGS.maxRateMmPerMin[1]);
    expect(r.missing).toContain('$111');
    expect(r.missing).not.toContain('$110');
  });

  it('names the line of a malformed or out-of-range value', () => {
    expect(() => parseGrblSettingsDump('$0=10\n$110 6000\n')).toThrow(/line 2: "\$110 6000" is not a GRBL setting/);
    expect(() => parseGrblSettingsDump('$0=10\n$1=10\n$120=abc\n')).toThrow(/line 3: \$120 must be a number/);
    expect(() => parseGrblSettingsDump('$110=0\n')).toThrow(/line 1: \$110 must be a positive number/);
    expect(() => parseGrblSettingsDump('$32=2\n')).toThrow(/line 1: \$32 \(laser mode\) must be 0 or 1/);
    expect(() => parseGrblSettingsDump('hello\n')).toThrow(/line 1/);
    expect(() => parseGrblSettingsDump('ok\n')).toThrow(/no \$N=VALUE lines/);
  });

  it('round-trips between profile settings and planner settings', () => {
    const r = parseGrblSettingsDump(DUMP);
    expect(fromGrblSettings(toGrblSettings(r.settings))).toEqual(r.settings);
    expect(toGrblSettings(r.settings).laserMode).toBe(true);
  });
});

describe('machineProfileSchema', () => {
  const valid = {
    id: 'co2-test', name: 'Test', kind: 'co2', laserPowerW: 60, bedMm: { x: 600, y: 400 }, maxCutThicknessMm: 10,
    grbl: parseGrblSettingsDump(DUMP).settings, jobOverheadS: 120, hourlyRateIdr: 100000,
  };
  it('accepts a complete profile and fills defaults', () => {
    expect(machineProfileSchema.parse(valid).notes).toBe('');
  });
  it('rejects a bad id, a fractional rupiah rate and $30 ≤ $31', () => {
    expect(machineProfileSchema.safeParse({ ...valid, id: 'Has Space' }).success).toBe(false);
    expect(machineProfileSchema.safeParse({ ...valid, hourlyRateIdr: 10.5 }).success).toBe(false);
    expect(machineProfileSchema.safeParse({ ...valid, grbl: { ...valid.grbl, $31: 1000 } }).success).toBe(false);
  });
});
