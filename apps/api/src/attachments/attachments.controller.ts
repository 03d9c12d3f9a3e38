import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FILE_TYPES } from '../../../../libs/domain/src/file-types';
import { CurrentUser, Public, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { ApiMultipartForm } from '../common/api-responses';
import { ApiErrors } from '../common/openapi';
import { ApiProjectId, ProjectIdPipe } from '../projects/projects.controller';
import { AttachmentsService, type ReceivedFile } from './attachments.service';
import { AttachmentList, PublicAttachment } from './dto/attachment.response';
import { AttachmentUploadForm, UploadAttachmentsDto } from './dto/upload-attachments.dto';
import { MAX_FILES_PER_UPLOAD } from './upload-limits';

const AttachmentIdPipe = new ParseUUIDPipe({ exceptionFactory: () => ApiError.notFound('附件不存在') });
const ATTACHMENT_ID = ApiParam({ name: 'aid', format: 'uuid', description: '附件 id' });
const MIMES = [...new Set(Object.values(FILE_TYPES).map((t) => t.mime))];
const FILE_ANSWER = ApiOkResponse({
  description: '附件文件，Content-Disposition 带原文件名（RFC 5987 filename*）',
  content: Object.fromEntries(MIMES.map((m) => [m, { schema: { type: 'string', format: 'binary' } }])),
});

@ApiTags('attachments')
@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  /** 上传附件: one or more files of one kind, by whoever acts on the project in its current stage. */
  @Post('projects/:id/attachments')
  @ApiBearerAuth()
  @Roles('village', 'township', 'department', 'county', 'finance')
  @ApiProjectId()
  @ApiMultipartForm(AttachmentUploadForm)
  @ApiCreatedResponse({ type: AttachmentList, description: '上传后项目的全部附件' })
  @ApiErrors({ 400: ['NO_FILES'], 404: ['NOT_FOUND'], 409: ['WRONG_STAGE'], 413: ['PAYLOAD_TOO_LARGE'], 415: ['UNSUPPORTED_FILE_TYPE'] })
  @UseInterceptors(FilesInterceptor('files', MAX_FILES_PER_UPLOAD))
  upload(
    @Param('id', ProjectIdPipe) id: string,
    @UploadedFiles() files: ReceivedFile[] | undefined,
    @Body() body: UploadAttachmentsDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.attachments.upload(id, body.kind, files ?? [], user);
  }

  @Get('projects/:id/attachments')
  @ApiBearerAuth()
  @ApiProjectId()
  @ApiOkResponse({ type: AttachmentList })
  @ApiErrors({ 404: ['NOT_FOUND'] })
  list(@Param('id', ProjectIdPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.attachments.list(id, user);
  }

  @Get('projects/:id/attachments/:aid')
  @ApiBearerAuth()
  @ApiProjectId()
  @ATTACHMENT_ID
  @ApiProduces(...MIMES)
  @FILE_ANSWER
  @ApiErrors({ 404: ['NOT_FOUND'] })
  download(@Param('id', ProjectIdPipe) id: string, @Param('aid', AttachmentIdPipe) aid: string, @CurrentUser() user: AuthUser) {
    return this.attachments.download(id, aid, user);
  }

  /** 删除附件: only its uploader, and only while the project is a draft or returned for revision. */
  @Delete('projects/:id/attachments/:aid')
  @ApiBearerAuth()
  @Roles('village', 'township', 'department', 'county', 'finance')
  @ApiProjectId()
  @ATTACHMENT_ID
  @ApiOkResponse({ type: AttachmentList, description: '删除后项目的全部附件' })
  @ApiErrors({ 403: ['NOT_UPLOADER'], 404: ['NOT_FOUND'], 409: ['WRONG_STAGE'] })
  remove(@Param('id', ProjectIdPipe) id: string, @Param('aid', AttachmentIdPipe) aid: string, @CurrentUser() user: AuthUser) {
    return this.attachments.remove(id, aid, user);
  }

  /** 公示附件: the public kinds' files of a project under publicity. */
  @Public()
  @Get('public/publicity/:id/attachments')
  @ApiTags('public')
  @ApiProjectId()
  @ApiOkResponse({ type: [PublicAttachment] })
  @ApiErrors({ 404: ['NOT_FOUND'] })
  publicList(@Param('id', ProjectIdPipe) id: string) {
    return this.attachments.publicList(id);
  }

  @Public()
  @Get('public/publicity/:id/attachments/:aid')
  @ApiTags('public')
  @ApiProjectId()
  @ATTACHMENT_ID
  @ApiProduces(...MIMES)
  @FILE_ANSWER
  @ApiErrors({ 404: ['NOT_FOUND'] })
  publicDownload(@Param('id', ProjectIdPipe) id: string, @Param('aid', AttachmentIdPipe) aid: string) {
    return this.attachments.publicDownload(id, aid);
  }
}
