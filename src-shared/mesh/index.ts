// Public entry points of the mesh importers (SketchUp COLLADA, OBJ, STL) and the .skp recogniser.
export { importCollada, readCollada } from './collada';
export { importObj } from './obj';
export { importStl } from './stl';
export { isSketchUpFile, sketchUpVersion, rejectSketchUpFile, SketchUpFileError } from './skp';
export type { Panel, MeshImportResult, MeshImportOptions, MeshStats, Mat4, Vec3, TriangleSoup } from './types';
