// `npm run bench`: runs every `bench:<name>` npm script in turn (or the names given), each printing its own
// figures beside its in-process baseline, and lists which ones failed to run.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const wanted = process.argv.slice(2);
const benches = Object.keys(pkg.scripts).filter((s) => s.startsWith('bench:') && (!wanted.length || wanted.includes(s.slice(6))));
const failed = [];
for (const script of benches) {
  console.log(`\n=== ${script} ===`);
  const res = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  if (res.status !== 0) failed.push(script);
}
console.log(`\nBenchmarks run: ${benches.length}; failed: ${failed.length ? failed.join(', ') : 'none'}`);
process.exit(failed.length ? 1 : 0);
