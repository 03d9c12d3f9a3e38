export { REGIONS } from './regions';
export type { RegionLevel, RegionRecord } from './regions';
export {
  REGION_LEVELS,
  createRegionResolver,
  getRegionByCode,
  isRegionCode,
  isWithin,
  levelOfCode,
  normaliseRegionName,
  regionPrefix,
  resolveRegionName,
} from './region-names';
export type { RegionResolver, ResolveOptions } from './region-names';
