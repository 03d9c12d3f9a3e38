/** 项目附件: the files a project holds, what its region's policy still wants, upload and removal. */
import type { components } from './api-schema';
import { api, download, unwrap } from './http';

type Schemas = components['schemas'];

export type AttachmentList = Schemas['AttachmentList'];
export type AttachmentFile = Schemas['AttachmentFile'];
export type AttachmentKind = AttachmentFile['kind'];
export type AttachmentRequirement = Schemas['AttachmentRequirement'];
export type PublicAttachment = Schemas['PublicAttachment'];

export function listAttachments(projectId: string): Promise<AttachmentList> {
  return unwrap(api.GET('/projects/{id}/attachments', { params: { path: { id: projectId } } }));
}

/** Multipart: the kind as a field, each file as a `files` part; answers the project's attachments as they now are. */
export function uploadAttachments(projectId: string, kind: AttachmentKind, files: File[]): Promise<AttachmentList> {
  const form = new FormData();
  form.append('kind', kind);
  for (const file of files) form.append('files', file, file.name);
  // The typed body names the parts (the generated type has the files as strings); the form is what is sent.
  return unwrap(api.POST('/projects/{id}/attachments', { params: { path: { id: projectId } }, body: { kind, files: files.map((f) => f.name) }, bodySerializer: () => form }));
}

export function deleteAttachment(projectId: string, attachmentId: string): Promise<AttachmentList> {
  return unwrap(api.DELETE('/projects/{id}/attachments/{aid}', { params: { path: { id: projectId, aid: attachmentId } } }));
}

export function downloadAttachment(projectId: string, file: Pick<AttachmentFile, 'id' | 'name'>): Promise<void> {
  return download(`/projects/${projectId}/attachments/${file.id}`, file.name);
}

/** The public board's copy: no session needed, a plain link serves it. */
export function publicAttachmentUrl(projectId: string, attachmentId: string): string {
  return `/public/publicity/${projectId}/attachments/${attachmentId}`;
}
