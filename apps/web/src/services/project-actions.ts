/**
 * Everything a user does to a project: the village's application (save, submit, withdraw) and each
 * decision of the process. Every call answers the project as it now stands.
 */
import type { components } from './api-schema';
import { api, unwrap } from './http';
import type { ProjectRecord } from './project-records';

type Schemas = components['schemas'];

export type ApplicationBody = Schemas['CreateProjectDto'];
export type ReviewBody = Schemas['ReviewDto'];
export type ObjectionDecisionBody = Schemas['ResolveObjectionDto'];
export type ProcurementBody = Schemas['ProcurementDto'];
export type ProgressBody = Schemas['ProgressDto'];
export type ChangeRequestBody = Schemas['ChangeRequestDto'];
export type ChangeDecisionBody = Schemas['ReviewChangeDto'];
export type PaymentBody = Schemas['PaymentDto'];

/** 资产类别 as codes; the Chinese words are what the API took before and still accepts. */
export type AssetKind = 'operating' | 'public_welfare' | 'household';
export const ASSET_KIND_LABELS: Record<AssetKind, string> = { operating: '经营性', public_welfare: '公益性', household: '到户' };

/** A stored asset kind, code or Chinese word, as its label. */
export function assetKindLabel(kind: string): string {
  return ASSET_KIND_LABELS[kind as AssetKind] ?? kind;
}

export interface AcceptanceBody extends Omit<Schemas['AcceptanceDto'], 'assets'> {
  assets: Array<Omit<Schemas['AssetDto'], 'kind'> & { kind: AssetKind }>;
}

const path = (id: string) => ({ params: { path: { id } } });

/**
 * Creates the draft. The key is kept by the form for as long as it is open, so a retry after a lost
 * answer finds the draft the first try made instead of making a second one.
 */
export function createProject(body: ApplicationBody, idempotencyKey: string): Promise<ProjectRecord> {
  return unwrap(api.POST('/projects', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }));
}

export function updateProject(id: string, body: Partial<ApplicationBody>): Promise<ProjectRecord> {
  return unwrap(api.PATCH('/projects/{id}', { ...path(id), body }));
}

export function submitProject(id: string): Promise<ProjectRecord> {
  return unwrap(api.POST('/projects/{id}/submit', { ...path(id), body: {} }));
}

export function withdrawProject(id: string, comment?: string): Promise<ProjectRecord> {
  return unwrap(api.POST('/projects/{id}/withdraw', { ...path(id), body: comment ? { comment } : {} }));
}

export function reviewProject(id: string, body: ReviewBody): Promise<ProjectRecord> {
  return unwrap(api.POST('/projects/{id}/review', { ...path(id), body }));
}

/** 解除负面清单提示 */
export function clearNegativeListFlag(id: string, comment: string): Promise<ProjectRecord> {
  return unwrap(api.POST('/projects/{id}/negative-list/clear', { ...path(id), body: { comment } }));
}

export function resolveObjection(id: string, objectionId: string, body: ObjectionDecisionBody): Promise<ProjectRecord> {
  return unwrap(api.POST('/projects/{id}/objections/{objectionId}/resolve', { params: { path: { id, objectionId } }, body }));
}

export function recordProcurement(id: string, body: ProcurementBody): Promise<ProjectRecord> {
  return unwrap(api.POST('/projects/{id}/procurement', { ...path(id), body }));
}

export function reportProgress(id: string, body: ProgressBody): Promise<ProjectRecord> {
  return unwrap(api.POST('/projects/{id}/progress', { ...path(id), body }));
}

export function requestChange(id: string, body: ChangeRequestBody): Promise<ProjectRecord> {
  return unwrap(api.POST('/projects/{id}/changes', { ...path(id), body }));
}

export function reviewChange(id: string, changeId: string, body: ChangeDecisionBody): Promise<ProjectRecord> {
  return unwrap(api.POST('/projects/{id}/changes/{changeId}/review', { params: { path: { id, changeId } }, body }));
}

export function requestAcceptance(id: string, comment?: string): Promise<ProjectRecord> {
  return unwrap(api.POST('/projects/{id}/acceptance/request', { ...path(id), body: comment ? { comment } : {} }));
}

export function acceptProject(id: string, body: AcceptanceBody): Promise<ProjectRecord> {
  // The generated schema may still name the Chinese words while the API moves to the codes it also accepts.
  return unwrap(api.POST('/projects/{id}/acceptance', { ...path(id), body: body as unknown as Schemas['AcceptanceDto'] }));
}

/**
 * 资金拨付 (finance). Money leaves the treasury: the dialog keeps one key for as long as the same
 * payment is on it, so a retry after a lost answer cannot pay twice.
 */
export function payProject(id: string, body: PaymentBody, idempotencyKey: string): Promise<unknown> {
  return unwrap(api.POST('/projects/{id}/payments', { params: { path: { id }, header: { 'Idempotency-Key': idempotencyKey } }, body }));
}
