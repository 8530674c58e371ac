#!/usr/bin/env node
// Entry of the `acrylichub` command: runs the TypeScript CLI directly through tsx (no build step needed).
import { register } from 'tsx/esm/api';

register();
await import('../src-main/cli/main.ts');
