import { ApiProperty } from '@nestjs/swagger';
import { ATTACHMENT_KIND_CODES } from '../../../../../libs/domain/src/attachment-kinds';
import { FILE_TYPE_CODES } from '../../../../../libs/domain/src/file-types';
import { ATTACHMENT_GATES } from '../../../../../libs/domain/src/required-attachments';
import { LOGIN_ROLES, STAGES } from '../../../../../libs/domain/src/stages';

/** 上传人 */
export class AttachmentUploader {
  name: string;

  @ApiProperty({ enum: LOGIN_ROLES })
  role: string;
}

/** 项目附件 */
export class AttachmentFile {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ATTACHMENT_KIND_CODES })
  kind: string;

  /** 附件类别名称 */
  @ApiProperty({ example: '村民代表大会决议' })
  kindLabel: string;

  /** 上传时的文件名 */
  @ApiProperty({ example: '村民代表大会决议.pdf' })
  name: string;

  /** 字节数 */
  @ApiProperty({ type: 'integer', minimum: 1 })
  size: number;

  /** 按内容识别的文件类型 */
  @ApiProperty({ enum: FILE_TYPE_CODES })
  fileType: string;

  @ApiProperty({ example: 'application/pdf' })
  mime: string;

  /** 内容的 SHA-256 */
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  sha256: string;

  /** 上传时项目所处阶段 */
  @ApiProperty({ enum: STAGES })
  stage: string;

  uploadedBy: AttachmentUploader;

  @ApiProperty({ format: 'date-time' })
  uploadedAt: string;

  /** 当前用户可否删除（仅上传人，且项目为草稿或已退回） */
  canDelete: boolean;
}

/** 必传附件 */
export class AttachmentRequirement {
  @ApiProperty({ enum: ATTACHMENT_GATES })
  gate: string;

  /** 办理节点名称 */
  @ApiProperty({ example: '提交申报' })
  gateLabel: string;

  @ApiProperty({ enum: ATTACHMENT_KIND_CODES })
  kind: string;

  @ApiProperty({ example: '村民代表大会决议' })
  kindLabel: string;

  /** 项目是否已有该类附件 */
  satisfied: boolean;
}

/** 附件类别 */
export class AttachmentKindOption {
  @ApiProperty({ enum: ATTACHMENT_KIND_CODES })
  code: string;

  label: string;

  /** 是否在公示栏公开 */
  public: boolean;
}

/** 项目的附件、尚需上传的必传附件，以及本人可否上传 */
export class AttachmentList {
  @ApiProperty({ type: [AttachmentFile] })
  items: AttachmentFile[];

  /** 本阶段及以后各节点的必传附件（按本地区政策） */
  @ApiProperty({ type: [AttachmentRequirement] })
  requirements: AttachmentRequirement[];

  /** 当前用户在项目当前阶段可否上传 */
  canUpload: boolean;

  /** 单个文件大小上限（MB） */
  @ApiProperty({ type: 'integer', minimum: 1 })
  maxMb: number;

  /** 允许的文件类型 */
  @ApiProperty({ enum: FILE_TYPE_CODES, isArray: true })
  allowedTypes: string[];

  @ApiProperty({ type: [AttachmentKindOption] })
  kinds: AttachmentKindOption[];
}

/** 公示栏上公开的附件 */
export class PublicAttachment {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ATTACHMENT_KIND_CODES })
  kind: string;

  kindLabel: string;

  name: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  size: number;

  @ApiProperty({ example: 'application/pdf' })
  mime: string;
}
