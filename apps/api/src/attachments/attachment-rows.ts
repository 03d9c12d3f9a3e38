import type { DataSource, EntityManager } from 'typeorm';
import { ATTACHMENT_KINDS, attachmentKindLabel, type AttachmentKind } from '../../../../libs/domain/src/attachment-kinds';
import { FILE_TYPES, type FileType } from '../../../../libs/domain/src/file-types';

export interface AttachmentRow {
  id: string;
  projectId: string;
  kind: AttachmentKind;
  name: string;
  sha256: string;
  size: number;
  fileType: FileType;
  stage: string;
  uploadedBy: string;
  uploaderName: string;
  uploaderRole: string;
  uploadedAt: Date;
}

const COLUMNS = `id, project_id, kind, name, sha256, size, file_type, stage, uploaded_by, uploader_name, uploader_role, uploaded_at`;

function rowOf(r: Record<string, unknown>): AttachmentRow {
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    kind: r.kind as AttachmentKind,
    name: r.name as string,
    sha256: (r.sha256 as string).trim(),
    size: Number(r.size),
    fileType: r.file_type as FileType,
    stage: r.stage as string,
    uploadedBy: r.uploaded_by as string,
    uploaderName: r.uploader_name as string,
    uploaderRole: r.uploader_role as string,
    uploadedAt: r.uploaded_at as Date,
  };
}

export async function attachmentsOf(db: DataSource | EntityManager, projectId: string): Promise<AttachmentRow[]> {
  const rows: Record<string, unknown>[] = await db.query(`SELECT ${COLUMNS} FROM project_attachments WHERE project_id = $1 ORDER BY uploaded_at, id`, [projectId]);
  return rows.map(rowOf);
}

export async function attachmentOf(db: DataSource, projectId: string, id: string): Promise<AttachmentRow | null> {
  const rows: Record<string, unknown>[] = await db.query(`SELECT ${COLUMNS} FROM project_attachments WHERE project_id = $1 AND id = $2`, [projectId, id]);
  return rows.length ? rowOf(rows[0]) : null;
}

/** The kinds a project holds at least one file of. */
export async function kindsOf(db: DataSource, projectId: string): Promise<Set<string>> {
  const rows: { kind: string }[] = await db.query(`SELECT DISTINCT kind FROM project_attachments WHERE project_id = $1`, [projectId]);
  return new Set(rows.map((r) => r.kind));
}

export type NewAttachment = Omit<AttachmentRow, 'id' | 'uploadedAt'>;

/** The same bytes of the same kind on a project are one attachment: a second upload finds the first. */
export async function insertAttachment(db: EntityManager, a: NewAttachment): Promise<void> {
  await db.query(
    `INSERT INTO project_attachments (project_id, kind, name, sha256, size, file_type, stage, uploaded_by, uploader_name, uploader_role)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (project_id, kind, sha256) DO NOTHING`,
    [a.projectId, a.kind, a.name, a.sha256, a.size, a.fileType, a.stage, a.uploadedBy, a.uploaderName, a.uploaderRole],
  );
}

export async function deleteAttachment(db: DataSource, id: string): Promise<void> {
  await db.query(`DELETE FROM project_attachments WHERE id = $1`, [id]);
}

const PUBLIC_KINDS = ATTACHMENT_KINDS.filter((k) => k.public).map((k) => k.code);

/** The public kinds' files of the given projects, by project: what the publicity board shows. */
export async function publicAttachmentsOf(db: DataSource, projectIds: readonly string[]): Promise<Map<string, PublicAttachmentView[]>> {
  const out = new Map<string, PublicAttachmentView[]>();
  if (projectIds.length === 0) return out;
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT ${COLUMNS} FROM project_attachments WHERE project_id = ANY($1::uuid[]) AND kind = ANY($2::varchar[]) ORDER BY uploaded_at, id`,
    [projectIds, PUBLIC_KINDS],
  );
  for (const row of rows.map(rowOf)) {
    const list = out.get(row.projectId) ?? [];
    list.push(publicView(row));
    out.set(row.projectId, list);
  }
  return out;
}

export interface PublicAttachmentView {
  id: string;
  kind: AttachmentKind;
  kindLabel: string;
  name: string;
  size: number;
  mime: string;
}

export function publicView(row: AttachmentRow): PublicAttachmentView {
  return { id: row.id, kind: row.kind, kindLabel: attachmentKindLabel(row.kind), name: row.name, size: row.size, mime: FILE_TYPES[row.fileType].mime };
}
