// A mutation the server refuses: thrown inside a mutation's savepoint, caught by the push loop, recorded with its
// reason in sync_mutations and reported to the device. It never aborts the batch.
import type { RejectionCode, RejectionReason } from '../../../src-shared/sync/protocol';
import { reject } from '../../../src-shared/sync/validate';

export class Rejection extends Error {
  constructor(readonly reason: RejectionReason) {
    super(reason.message.en);
  }
}

export const rejected = (code: RejectionCode, en: string, id: string) => new Rejection(reject(code, en, id));
