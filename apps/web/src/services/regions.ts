import { api, unwrap } from './http';
import type { Region, RegionWithAncestors } from './types';

/** The national administrator's region: the whole country, above every province. */
export const NATIONAL = '000000000000';

/** Children of a region in the tree; without a parent, the top level (the provinces). */
export async function childRegions(parent?: string): Promise<Region[]> {
  const answer = await unwrap<{ items: Region[] }>(api.GET('/regions', { params: { query: parent ? { parent } : {} } }));
  return answer.items;
}

export function regionOf(code: string): Promise<RegionWithAncestors> {
  return unwrap(api.GET('/regions/{code}', { params: { path: { code } } }));
}
