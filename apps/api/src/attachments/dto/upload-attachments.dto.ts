import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ATTACHMENT_KIND_CODES, type AttachmentKind } from '../../../../../libs/domain/src/attachment-kinds';

/** The form fields of an upload beside its files: every file of one request is of one kind. */
export class UploadAttachmentsDto {
  /** 附件类别 */
  @ApiProperty({ enum: ATTACHMENT_KIND_CODES, example: 'villagers_resolution' })
  @IsIn(ATTACHMENT_KIND_CODES, { message: `附件类别须为以下之一：${ATTACHMENT_KIND_CODES.join('、')}` })
  kind: AttachmentKind;
}

export class AttachmentUploadForm extends UploadAttachmentsDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', format: 'binary' },
    minItems: 1,
    maxItems: 10,
    description: '一个或多个文件（PDF、JPEG、PNG、DOCX、XLSX、DOC、XLS、OFD，按内容识别；大小上限按政策）',
  })
  files: unknown[];
}
