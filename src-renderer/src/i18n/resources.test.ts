import { describe, expect, it } from 'vitest';
import { resources } from './resources';
import { formatLength, formatMoney } from './setup';

describe('UI strings', () => {
  it('English and Indonesian have the same keys and no empty string', () => {
    expect(Object.keys(resources.id).sort()).toEqual(Object.keys(resources.en).sort());
    for (const lang of ['en', 'id'] as const) {
      for (const [key, value] of Object.entries(resources[lang])) expect(value.trim(), `${lang}:${key}`).not.toBe('');
    }
  });

  it('formats rupiah without decimals and lengths in the chosen unit', () => {
    expect(formatMoney(1250000, 'IDR', 'id').replace(/\s/g, ' ')).toBe('Rp 1.250.000');
    expect(formatLength(25.4, 'in', 'en')).toBe('1 in');
    expect(formatLength(1234.5, 'mm', 'id')).toBe('1.234,5 mm');
  });
});
