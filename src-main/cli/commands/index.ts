// Every CLI command, one module each. Adding a command: one line here.
import type { Command } from 'commander';
import { register as inspect } from './inspect';
import { register as serve } from './serve';
import { register as send } from './send';
import { register as bridge } from './bridge';
import { register as nest } from './nest';
import { register as estimate } from './estimate';
import { register as gcode } from './gcode';
import { register as materials } from './materials';
import { register as machines } from './machines';
import { register as quote } from './quote';

export const commands: ((program: Command) => void)[] = [
  inspect,
  serve,
  send,
  bridge,
  nest,
  estimate,
  gcode,
  materials,
  machines,
  quote,
];
