import { describe, expect, it } from 'vitest';
import { fontForCadName, FALLBACK_FONT } from './cad-fonts';

describe('fontForCadName', () => {
  it.each([
    ['txt.shx', 'LiberationSans-Regular'],
    ['romans.shx', 'LiberationSans-Regular'],
    ['SIMPLEX', 'LiberationSans-Regular'],
    ['isocp.shx', 'LiberationSans-Regular'],
    ['romand.shx', 'LiberationSans-Regular'],
    ['romanc.shx', 'LiberationSerif-Regular'],
    ['C:\\Windows\\Fonts\\arial.ttf', 'LiberationSans-Regular'],
    ['ARIALBD.TTF', 'LiberationSans-Bold'],
    ['Times New Roman', 'LiberationSerif-Regular'],
    ['timesbd.ttf', 'LiberationSerif-Bold'],
    ['Courier New', 'LiberationMono-Regular'],
    ['monotxt.shx', 'LiberationMono-Regular'],
    ['gdt.shx', 'DejaVuSansMono'],
    ['LiberationSerif-Bold', 'LiberationSerif-Bold'],
    ['DejaVuSansMono.ttf', 'DejaVuSansMono'],
  ])('%s → %s', (name, expected) => {
    const c = fontForCadName(name);
    expect(c.font.name).toBe(expected);
    expect(c.matched).toBe(true);
  });

  it('falls back to Liberation Sans for unknown names and says so', () => {
    const c = fontForCadName('@extfont2.shx');
    expect(c.font.name).toBe(FALLBACK_FONT);
    expect(c.matched).toBe(false);
  });
});
