// The `$$` settings the emulator reports and plans with: a typical 2-axis diode/CO2 laser on Grbl 1.1h.
import { parseGrblSettings, type GrblSettings } from '../../src-shared/planner/index';

export const EMULATOR_SETTINGS_TEXT: Record<number, string> = {
  0: '10', 1: '25', 2: '0', 3: '0', 4: '0', 5: '0', 6: '0', 10: '1', 11: '0.010', 12: '0.002', 13: '0', 20: '0', 21: '0',
  22: '1', 23: '0', 24: '25.000', 25: '500.000', 26: '250', 27: '1.000', 30: '1000', 31: '0', 32: '1',
  100: '80.000', 101: '80.000', 102: '250.000', 110: '6000.000', 111: '6000.000', 112: '500.000',
  120: '500.000', 121: '500.000', 122: '10.000', 130: '400.000', 131: '400.000', 132: '200.000',
};

export function emulatorPlannerSettings(values: Record<number, string>): GrblSettings {
  return parseGrblSettings(Object.entries(values).map(([k, v]) => `$${k}=${v}`).join('\n'));
}
