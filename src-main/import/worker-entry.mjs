// Worker-thread bootstrap for large imports: workers do not inherit the parent's tsx loader, so register it and
// load the TypeScript worker (a bundled app points the runner at its compiled worker instead).
import { register } from 'tsx/esm/api';

register();
await import('./import-worker.ts');
