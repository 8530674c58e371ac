// Public surface of the GRBL time model: a port of GRBL 1.1's planner (planner.c), its stepper profile
// (stepper.c st_prep_buffer), arc splitting (motion_control.c mc_arc) and the G-code rules that force stops
// (gcode.c spindle/coolant sync, dwell, program end). Decisions and assumptions, so the numbers can be trusted:
// - The sender keeps GRBL's serial buffer fed (character counting), so the 15 usable planner blocks are full
//   whenever the program has more moves. A block's exit speed is the one planned when its preparation ends.
// - $1: st_go_idle() waits $1 ms each time the steppers run out of segments, i.e. at every full stop forced by
//   a sync (G4, M3/M4/M5, S alone while the laser is on, M8/M9, M2/M30, end of file). $1 = 255 skips it.
// - G4 waits in whole 50 ms steps (delay_sec), so P0.12 takes 0.15 s.
// - Double precision instead of AVR float; ramp times are analytic. Against a local float32 build of the
//   firmware's planner, segment generator and step timer the totals agree within 0.04 % (grbl-crosscheck.test).
// - Overrides at 100 %; no homing, probing or jogging; G54-G59 offsets start at zero.
export * from './settings';
export * from './planner';
export * from './profile';
export * from './arc';
export * from './motion';
export * from './estimate';
