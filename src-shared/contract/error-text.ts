// Handlers may send the operator's text in both UI languages as `details.message` of a ContractError (the
// machines area does); the UI shows the language it speaks and falls back to the error's own message.
import { ContractError } from './define';

export function errorText(err: unknown, lang: 'en' | 'id'): string {
  if (err instanceof ContractError) {
    const m = (err.details as { message?: unknown } | undefined)?.message;
    if (typeof m === 'object' && m !== null && typeof (m as Record<string, unknown>)[lang] === 'string') return (m as Record<string, string>)[lang];
  }
  return err instanceof Error ? err.message : String(err);
}
