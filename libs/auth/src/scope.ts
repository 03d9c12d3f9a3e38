import { isWithin } from '../../reference-data/src/region-names';

/** The region of users who act everywhere (admin): the root above every province. */
export const NATIONAL_REGION_CODE = '000000000000';

/**
 * Region scope by administrative code: a 12-digit code is province(2) city(2) county(2)
 * township(3) village(3), so "inside my region" is a prefix test on the significant digits.
 */
export function isWithinScope(code: string, scopeRegionCode: string): boolean {
  return scopeRegionCode === NATIONAL_REGION_CODE || isWithin(code, scopeRegionCode);
}

/** The county a village or township belongs to. */
export function countyOf(code: string): string {
  return `${code.slice(0, 6)}000000`;
}
