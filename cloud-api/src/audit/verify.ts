// Walks the audit chain in sequence order and reports the first row whose hash, link or sequence is wrong, and
// whether the chain tip recorded in audit_head matches the last row (detects truncation at the end).
import type { Queryable } from '../db/db';
import { auditHash, type AuditRow } from './audit';

export interface AuditProblem {
  seq: number;
  problem: 'hash_mismatch' | 'broken_link' | 'sequence_gap' | 'head_mismatch';
}

export interface AuditVerifyResult {
  ok: boolean;
  rows: number;
  problems: AuditProblem[];
}

const PAGE = 1000;

export async function verifyAuditChain(q: Queryable): Promise<AuditVerifyResult> {
  const problems: AuditProblem[] = [];
  let prevHash = '0'.repeat(64);
  let expectedSeq = 1;
  let rows = 0;
  for (;;) {
    const page = await q.query<AuditRow>('SELECT * FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2', [expectedSeq, PAGE]);
    for (const r of page) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) problems.push({ seq, problem: 'sequence_gap' });
      if (r.prev_hash !== prevHash) problems.push({ seq, problem: 'broken_link' });
      if (auditHash({ ...r, seq }) !== r.hash) problems.push({ seq, problem: 'hash_mismatch' });
      prevHash = r.hash;
      expectedSeq = seq + 1;
      rows++;
    }
    if (page.length < PAGE) break;
  }
  const [head] = await q.query<{ last_seq: number; last_hash: string }>('SELECT last_seq, last_hash FROM audit_head WHERE id = 1');
  if (head && (Number(head.last_seq) !== expectedSeq - 1 || head.last_hash !== prevHash)) {
    problems.push({ seq: Number(head.last_seq), problem: 'head_mismatch' });
  }
  return { ok: problems.length === 0, rows, problems };
}
