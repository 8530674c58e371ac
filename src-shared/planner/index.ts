// Public surface of the GRBL time model.
export * from './settings';
export * from './planner';
export * from './profile';
export * from './arc';
export * from './motion';
export * from './estimate';
