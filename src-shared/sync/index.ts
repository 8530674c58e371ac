// Public surface of the sync protocol (types, schemas, clocks and merge), shared by the desktop and the cloud.
export * from './hlc';
export * from './lww';
export * from './mutations';
export * from './protocol';
export * from './validate';
