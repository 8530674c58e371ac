// The byte link to a Grbl controller, kept behind an interface so the driver does not care whether it is a
// serial port, a pty in tests or something else. Lines arrive without their line ending.

export interface LineTransport {
  /** Opens the link; rejects with a TransportError saying what is wrong (missing, busy, permission). */
  open(): Promise<void>;
  write(data: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
  readonly isOpen: boolean;
  onLine(listener: (line: string) => void): void;
  /** Called once when the link closes for any reason (unplugged, closed by us). */
  onClose(listener: (reason: string) => void): void;
}

export type TransportErrorKind = 'missing' | 'busy' | 'permission' | 'io';

export class TransportError extends Error {
  constructor(readonly kind: TransportErrorKind, readonly text: { en: string; id: string }) {
    super(text.en);
    this.name = 'TransportError';
  }
}
