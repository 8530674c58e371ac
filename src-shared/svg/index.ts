// Public entry point of the SVG importer.
export { importSvg } from './import-svg';
export type { SvgImportOptions, SvgImportResult } from './import-svg';
