// Grbl check mode (`$C`): the controller parses every line and answers ok/error:N without moving, so a file can
// be validated by the real firmware before cutting. Lines are streamed with character counting; leaving check
// mode makes Grbl reset itself, which is awaited.
import { decodeError } from '../../src-shared/grbl/codes';
import type { GrblConnection } from './grbl-connection';

export interface CheckProblem {
  /** 0-based index of the streamed line. */
  index: number;
  code: number;
  en: string;
  id: string;
}

export async function checkWithController(conn: GrblConnection, lines: readonly string[]): Promise<CheckProblem[]> {
  if (conn.status && conn.status.state !== 'Idle') throw new Error(`check mode needs the machine Idle, it is ${conn.status.state}`);
  await conn.command('$C');
  const problems: CheckProblem[] = [];
  let next = 0;
  let answered = 0;
  await new Promise<void>((resolve, reject) => {
    const onClose = (reason: string) => reject(new Error(`link lost during the check: ${reason}`));
    conn.once('close', onClose);
    const pump = () => {
      while (next < lines.length) {
        const first = next;
        const n = conn.streamLines(lines.slice(first, first + 64), (i) => ({
          onReply: (r) => {
            answered++;
            if (r.kind === 'error') problems.push({ index: first + i, ...decodeError(r.code) });
            if (answered === lines.length) {
              conn.off('close', onClose);
              resolve();
            } else pump();
          },
          onDropped: (reason) => reject(new Error(`check stopped: ${reason}`)),
        }));
        if (n === 0) return;
        next += n;
      }
    };
    if (lines.length === 0) resolve();
    pump();
  });
  const exited = conn.waitForStatus((s) => s.state === 'Idle', 3000);
  await conn.command('$C');
  await exited;
  return problems;
}
