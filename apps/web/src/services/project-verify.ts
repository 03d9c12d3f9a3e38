/** 存证核验: a project's chain of history and ledger rows recomputed by the API. */
import type { components } from './api-schema';
import { api, unwrap } from './http';

export type ChainVerification = components['schemas']['ProjectChainVerification'];

export function verifyProjectChain(id: string): Promise<ChainVerification> {
  return unwrap(api.GET('/projects/{id}/verify', { params: { path: { id } } }));
}
