import { describe, expect, it } from 'vitest';
import { ContractError } from './define';
import { errorText } from './error-text';

describe('errorText', () => {
  it('speaks the UI language when the error carries both', () => {
    const err = new ContractError('CONFLICT', 'no job is running', { message: { en: 'no job is running', id: 'tidak ada pekerjaan yang berjalan' } });
    expect(errorText(err, 'id')).toBe('tidak ada pekerjaan yang berjalan');
    expect(errorText(err, 'en')).toBe('no job is running');
  });

  it('falls back to the message for other errors and odd details', () => {
    expect(errorText(new ContractError('BAD_INPUT', 'bad', { message: 'flat' }), 'id')).toBe('bad');
    expect(errorText(new Error('plain'), 'id')).toBe('plain');
    expect(errorText('text', 'en')).toBe('text');
  });
});
