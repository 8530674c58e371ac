// Every CLI command, one module each. Adding a command: one line here.
import type { Command } from 'commander';
import { register as serve } from './serve';

export const commands: ((program: Command) => void)[] = [
  serve,
];
