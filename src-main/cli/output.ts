// Output helpers shared by every CLI command: JSON or human text, and one-line errors with a non-zero exit.

/** A failure the user caused (bad file, bad option): printed as one line, exit code 1 (or the given code). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

export function fail(message: string, exitCode = 1): never {
  throw new CliError(message, exitCode);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Parses a positive number option, failing with the option's name in the message. */
export function numberOption(name: string, raw: string | undefined, opts: { min?: number; integer?: boolean } = {}): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || (opts.integer && !Number.isInteger(value)) || (opts.min !== undefined && value < opts.min)) {
    fail(`--${name} must be ${opts.integer ? 'an integer' : 'a number'}${opts.min !== undefined ? ` ≥ ${opts.min}` : ''}, got "${raw}"`);
  }
  return value;
}
