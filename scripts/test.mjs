// `npm test`: everything, in order — system packages (installed when missing), the type check of every part,
// the unit tests, then each integration suite (every `test:<name>` npm script except test:unit). Prints one
// closing line "N passed, N failed" over all suites and exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRenderer } from './ensure-renderer.mjs';

const root = process.cwd();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const problems = [];

function run(label, cmd, args, opts = {}) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' }, ...opts });
  console.log(`=== ${label}: ${res.status === 0 ? 'ok' : `FAILED (exit ${res.status ?? res.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  return res.status === 0;
}

function vitestSuite(label, npmScript) {
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const report = join(root, 'test-results', `${label}.json`);
  const ok = run(label, 'npm', ['run', '--silent', npmScript, '--', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    if (!ok && r.numFailedTests === 0) {
      failed += 1;
      problems.push(`${label} (suite error)`);
    } else if (r.numFailedTests) problems.push(`${label} (${r.numFailedTests} failed)`);
  } else if (!ok) {
    failed += 1;
    problems.push(`${label} (did not run)`);
  }
}

if (!run('system packages', 'bash', ['scripts/setup-system.sh', '--quiet'])) {
  console.error('Install the Debian packages above, then run npm test again.');
  process.exit(1);
}
if (!only.length || only.includes('typecheck')) {
  if (run('type check (tsc -b)', process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'])) passed += 1;
  else {
    failed += 1;
    problems.push('type check');
  }
}
ensureRenderer(root);
if (!only.length || only.includes('unit')) vitestSuite('unit', 'test:unit');
const integration = Object.keys(pkg.scripts).filter((s) => s.startsWith('test:') && s !== 'test:unit');
for (const script of integration) {
  const name = script.slice(5);
  if (only.length && !only.includes(name)) continue;
  vitestSuite(name, script);
}

console.log(`\nSuites: ${['typecheck', 'unit', ...integration.map((s) => s.slice(5))].join(', ')}`);
if (problems.length) console.log(`Problems: ${problems.join('; ')}`);
console.log(`Tests: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
