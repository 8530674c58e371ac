// Worker-thread bootstrap: workers do not inherit the parent's tsx loader, so register it here and load the
// TypeScript worker (when the app is bundled, the bundler points the runner at the compiled worker instead).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
