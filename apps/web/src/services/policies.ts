/** 政策设置: the effective policy of a region with where each value comes from, and its change. */
import type { Policy, PolicyKey } from '../../../../libs/domain/src/policy';
import type { components } from './api-schema';
import { api, unwrap } from './http';

export type { Policy, PolicyKey };

/** GET/PUT /policies/:regionCode: the policy in force and, per key, the region code that set it, or 'default'. */
export type PolicyView = components['schemas']['PolicyView'];

/** A change: the keys to set, and null for a key the region gives up (it inherits again). */
export type PolicyChange = { [K in PolicyKey]?: Policy[K] | null };

export function getPolicy(regionCode: string): Promise<PolicyView> {
  return unwrap(api.GET('/policies/{regionCode}', { params: { path: { regionCode } } }));
}

export function putPolicy(regionCode: string, change: PolicyChange): Promise<PolicyView> {
  return unwrap(api.PUT('/policies/{regionCode}', { params: { path: { regionCode } }, body: change as Record<string, never> }));
}
