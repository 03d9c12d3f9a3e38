import { Inject, Injectable, Logger, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { readFile, unlink } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { ATTACHMENT_KINDS, attachmentKindLabel, isPublicKind, type AttachmentKind } from '../../../../libs/domain/src/attachment-kinds';
import { FILE_TYPES, sniffFileType, type FileType } from '../../../../libs/domain/src/file-types';
import { needsMeetingRef } from '../../../../libs/domain/src/meeting-ref';
import type { Policy } from '../../../../libs/domain/src/policy';
import { GATE_LABELS, gatesAhead, requirements } from '../../../../libs/domain/src/required-attachments';
import { isStage, isTerminal, stageLabel } from '../../../../libs/domain/src/stages';
import type { ProjectEntity } from '../../../../libs/persistence/src/entities/project.entity';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { PolicyCacheService } from '../policies/policy-cache.service';
import { allowedActions } from '../projects/project-permissions';
import { ProjectsService } from '../projects/projects.service';
import { attachmentOf, attachmentsOf, deleteAttachment, insertAttachment, publicView, type AttachmentRow } from './attachment-rows';
import { FILE_STORE, type FileStore } from './storage/file-store';

/** A file as multer's disk storage hands it over: already on disk in the store's incoming folder. */
export interface ReceivedFile {
  originalname: string;
  path: string;
  size: number;
}

interface CheckedFile {
  received: ReceivedFile;
  name: string;
  sha256: string;
  fileType: FileType;
}

const EDITABLE_STAGES = new Set(['draft', 'returned']);

/** A name fit to keep and to send back: no folders a browser might have added, no control characters, not too long. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const visible = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return [...(visible || '附件')].slice(0, 200).join('');
}

/** An ASCII stand-in for clients that do not read RFC 5987's UTF-8 name. */
function asciiName(name: string, fileType: FileType): string {
  // A name cut down to its ASCII letters would be a different, misleading name: then a plain one.
  return /^[\x20-\x7e]+$/.test(name) && !/["\\]/.test(name) ? name : `attachment.${FILE_TYPES[fileType].extension}`;
}

function downloadOf(row: AttachmentRow, body: NodeJS.ReadableStream): StreamableFile {
  const disposition = `attachment; filename="${asciiName(row.name, row.fileType)}"; filename*=UTF-8''${encodeURIComponent(row.name)}`;
  return new StreamableFile(body as never, { type: FILE_TYPES[row.fileType].mime, disposition, length: row.size });
}

/** 项目附件: upload, list, download and (while a draft) delete, scoped like the project they belong to. */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger('Attachments');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORE) private readonly store: FileStore,
    private readonly projects: ProjectsService,
    private readonly policies: PolicyCacheService,
  ) {}

  /**
   * Who acts on the project now may add papers to it; a finished project's file is closed. Being
   * able to withdraw a submission is not acting on it: the village's papers go in before it submits.
   */
  private canUpload(project: ProjectEntity, user: AuthUser): boolean {
    return isStage(project.stage) && !isTerminal(project.stage) && allowedActions(project, user).some((a) => a !== 'withdraw');
  }

  private view(row: AttachmentRow, project: ProjectEntity, user: AuthUser) {
    return {
      id: row.id,
      kind: row.kind,
      kindLabel: attachmentKindLabel(row.kind),
      name: row.name,
      size: row.size,
      fileType: row.fileType,
      mime: FILE_TYPES[row.fileType].mime,
      sha256: row.sha256,
      stage: row.stage,
      uploadedBy: { name: row.uploaderName, role: row.uploaderRole },
      uploadedAt: row.uploadedAt.toISOString(),
      canDelete: EDITABLE_STAGES.has(project.stage) && row.uploadedBy === user.id,
    };
  }

  private listing(project: ProjectEntity, rows: AttachmentRow[], user: AuthUser, policy: Policy) {
    const present = new Set(rows.map((r) => r.kind as string));
    const meeting = needsMeetingRef(project.type, BigInt(project.totalBudgetFen), policy.meetingRequiredAbove);
    const ahead = isStage(project.stage) ? gatesAhead(project.stage, meeting) : [];
    return {
      items: rows.map((r) => this.view(r, project, user)),
      requirements: requirements(policy.requiredAttachments, ahead, present).map((r) => ({
        gate: r.gate,
        gateLabel: GATE_LABELS[r.gate],
        kind: r.kind,
        kindLabel: attachmentKindLabel(r.kind),
        satisfied: r.satisfied,
      })),
      canUpload: this.canUpload(project, user),
      maxMb: policy.attachmentMaxMb,
      allowedTypes: [...policy.attachmentTypes],
      kinds: ATTACHMENT_KINDS.map((k) => ({ code: k.code, label: k.label, public: k.public })),
    };
  }

  async list(projectId: string, user: AuthUser) {
    const project = await this.projects.findEntity(projectId, user);
    const policy = await this.policies.forRegion(project.villageCode);
    return this.listing(project, await attachmentsOf(this.dataSource, project.id), user, policy);
  }

  /**
   * Checks every file before keeping any, so a request with one bad file stores nothing; then keeps
   * each file durably, and only then writes the rows: an answered upload never names missing bytes.
   */
  async upload(projectId: string, kind: AttachmentKind, files: ReceivedFile[], user: AuthUser) {
    try {
      const project = await this.projects.findEntity(projectId, user);
      if (!this.canUpload(project, user)) {
        const stage = isStage(project.stage) ? stageLabel(project.stage) : project.stage;
        throw ApiError.conflict(`项目当前为「${stage}」，此阶段不由您办理，不能上传附件`);
      }
      if (files.length === 0) throw ApiError.badRequest('NO_FILES', '请选择要上传的文件（字段 files）');
      const policy = await this.policies.forRegion(project.villageCode);
      const checked: CheckedFile[] = [];
      for (const file of files) checked.push(await this.check(file, policy));
      for (const file of checked) await this.keep(file);
      await this.dataSource.transaction(async (tx) => {
        for (const file of checked) {
          await insertAttachment(tx, {
            projectId: project.id,
            kind,
            name: file.name,
            sha256: file.sha256,
            size: file.received.size,
            fileType: file.fileType,
            stage: project.stage,
            uploadedBy: user.id,
            uploaderName: user.displayName,
            uploaderRole: user.role,
          });
        }
      });
      return this.listing(project, await attachmentsOf(this.dataSource, project.id), user, policy);
    } finally {
      await Promise.all(files.map((f) => unlink(f.path).catch(() => undefined)));
    }
  }

  /** A store that cannot take the file now is a 503 the client may retry: no row names it yet. */
  private async keep(file: CheckedFile): Promise<void> {
    try {
      await this.store.keep(file.received.path, file.sha256, file.received.size, FILE_TYPES[file.fileType].mime);
    } catch (error) {
      this.logger.warn(`附件存储失败：${(error as Error).message}`);
      throw ApiError.unavailable('附件存储暂时不可用，本次上传未保存，请稍后重试');
    }
  }

  private async check(file: ReceivedFile, policy: Policy): Promise<CheckedFile> {
    const name = cleanFileName(file.originalname);
    if (file.size > policy.attachmentMaxMb * 1024 * 1024) {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `文件「${name}」超过 ${policy.attachmentMaxMb} MB 的上限，未保存任何文件`, { name, size: file.size, maxMb: policy.attachmentMaxMb });
    }
    const bytes = await readFile(file.path);
    const fileType = sniffFileType(bytes);
    if (!fileType || !policy.attachmentTypes.includes(fileType)) {
      const allowed = policy.attachmentTypes.map((t) => FILE_TYPES[t].label).join('、');
      throw new ApiError(415, 'UNSUPPORTED_FILE_TYPE', `文件「${name}」的内容${fileType ? `是${FILE_TYPES[fileType].label}，` : '不是可接受的文件类型，'}只接受：${allowed}；未保存任何文件`, {
        name,
        detected: fileType,
        allowed: policy.attachmentTypes,
      });
    }
    return { received: file, name, sha256: createHash('sha256').update(bytes).digest('hex'), fileType };
  }

  private async row(project: ProjectEntity, attachmentId: string): Promise<AttachmentRow> {
    const row = await attachmentOf(this.dataSource, project.id, attachmentId);
    if (!row) throw ApiError.notFound('附件不存在');
    return row;
  }

  private async send(row: AttachmentRow): Promise<StreamableFile> {
    let body: NodeJS.ReadableStream | null;
    try {
      body = await this.store.open(row.sha256);
    } catch (error) {
      this.logger.warn(`附件读取失败：${(error as Error).message}`);
      body = null;
    }
    if (!body) throw ApiError.unavailable('附件文件暂时无法读取，请稍后再试');
    return downloadOf(row, body);
  }

  async download(projectId: string, attachmentId: string, user: AuthUser): Promise<StreamableFile> {
    const project = await this.projects.findEntity(projectId, user);
    return this.send(await this.row(project, attachmentId));
  }

  async remove(projectId: string, attachmentId: string, user: AuthUser) {
    const project = await this.projects.findEntity(projectId, user);
    const row = await this.row(project, attachmentId);
    if (!EDITABLE_STAGES.has(project.stage)) throw ApiError.conflict('项目已提交，附件不能再删除');
    if (row.uploadedBy !== user.id) throw ApiError.forbidden('只能删除本人上传的附件', 'NOT_UPLOADER');
    // The bytes stay: another project may hold the same file, and the store keeps by content.
    await deleteAttachment(this.dataSource, row.id);
    const policy = await this.policies.forRegion(project.villageCode);
    return this.listing(project, await attachmentsOf(this.dataSource, project.id), user, policy);
  }

  /** The public board's copy: only a public kind of a project under publicity exists for the public. */
  async publicDownload(projectId: string, attachmentId: string): Promise<StreamableFile> {
    const rows: { stage: string }[] = await this.dataSource.query(`SELECT stage FROM projects WHERE id = $1`, [projectId]);
    if (rows[0]?.stage !== 'publicity') throw ApiError.notFound('该项目不在公示期内');
    const row = await attachmentOf(this.dataSource, projectId, attachmentId);
    if (!row || !isPublicKind(row.kind)) throw ApiError.notFound('附件不存在');
    return this.send(row);
  }

  async publicList(projectId: string) {
    const rows: { stage: string }[] = await this.dataSource.query(`SELECT stage FROM projects WHERE id = $1`, [projectId]);
    if (rows[0]?.stage !== 'publicity') throw ApiError.notFound('该项目不在公示期内');
    return (await attachmentsOf(this.dataSource, projectId)).filter((r) => isPublicKind(r.kind)).map(publicView);
  }
}
