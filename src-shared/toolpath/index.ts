// Public surface of toolpath generation and G-code output.
export * from './types';
export * from './build';
export * from './emit-gcode';
export * from './order';
export * from './kerf';
export * from './hatch';
export * from './messages';
