// Every CLI command, one module each. Adding a command: one line here.
import type { Command } from 'commander';
import { register as serve } from './serve';
import { register as send } from './send';
import { register as bridge } from './bridge';
import { register as nest } from './nest';

export const commands: ((program: Command) => void)[] = [
  serve,
  send,
  bridge,
  nest,
];
