/**
 * The geography import pipeline: ward boundaries, the ONS postcode lookup and areas. Used by the
 * import job, the `pnpm geo:import` CLI and the tests.
 */
export { MAX_WARDS_UNCHOSEN } from './feature-filter.ts';
export { importBoundaries, importBoundaryFile, prepareBoundaries, prepareBoundaryStream, type BoundaryImportOptions, type BoundaryReport, type PreparedBoundaries } from './boundaries.ts';
export { parseWardLookup, type WardLookup } from './boundary-file.ts';
export { importPostcodes, isGzip, lookupVintageFromFileName, type PostcodeImportInput, type PostcodeImportResult } from './postcodes.ts';
export { areaId, importAreas, prepareAreas, type AreaReport } from './areas.ts';
export { buildWardMap, pointInside, type WardMapOptions, type WardMapProperties } from './geometry.ts';
