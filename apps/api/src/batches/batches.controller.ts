import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { allocationsFromFile, type UploadedTable } from './batch-import';
import { parseYuan } from '../../../../libs/domain/src/money';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { ApiMultipartForm } from '../common/api-responses';
import { ApiErrors } from '../common/openapi';
import { Batch, BatchPage, MatchResult, UnmatchResult } from './batch.response';
import { BatchesService } from './batches.service';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency-key';
import { MatchDto, ReceiptDto, UnmatchDto } from './dto/allocation-actions.dto';
import { BatchHeaderDto, BatchImportForm, CreateBatchDto } from './dto/create-batch.dto';
import { ListBatchesQuery } from './dto/list-batches.query';

const BatchIdPipe = new ParseUUIDPipe({ exceptionFactory: () => ApiError.notFound('资金批次不存在') });
const MatchIdPipe = new ParseUUIDPipe({ exceptionFactory: () => ApiError.notFound('匹配记录不存在') });

function countyCode(value: string): string {
  if (!/^[0-9]{12}$/.test(value)) throw ApiError.notFound('该批次没有下达给该县的资金');
  return value;
}

/** Path parameters every allocation action shares; a malformed id or code names nothing (404). */
const BATCH_ID = ApiParam({ name: 'id', format: 'uuid', description: '资金批次 id' });
const COUNTY_CODE = ApiParam({ name: 'countyCode', schema: { type: 'string', pattern: '^[0-9]{12}$' }, description: '县级行政区划代码' });

@ApiTags('batches')
@ApiBearerAuth()
@Controller('batches')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  /** 下达资金批次: an admin for any region, a county for a county-level batch of its own. */
  @Post()
  @Roles('admin', 'county')
  @ApiCreatedResponse({ type: Batch, description: '批次及本人管辖范围内的分配' })
  @ApiErrors({ 403: ['OUTSIDE_REGION'], 409: ['DUPLICATE_DOC_NUMBER'], 422: ['INVALID_ALLOCATIONS'] })
  create(@Body() body: CreateBatchDto, @CurrentUser() user: AuthUser) {
    const allocations = body.allocations.map((a, i) => ({
      regionCode: a.regionCode,
      amountFen: parseYuan(a.amount),
      earmarks: (a.earmarks ?? []).map((e) => ({ purpose: e.purpose, amountFen: parseYuan(e.amount) })),
      category: a.category ?? null,
      label: `第 ${i + 1} 行`,
    }));
    return this.batches.create(body, allocations, user);
  }

  /** 导入分配表: multipart `file` (CSV/XLSX like the notices' tables, amounts in 万元) plus the batch header fields. */
  @Post('import')
  @Roles('admin', 'county')
  @ApiMultipartForm(BatchImportForm)
  @ApiCreatedResponse({ type: Batch, description: '批次及本人管辖范围内的分配' })
  @ApiErrors({ 400: ['FILE_REQUIRED'], 403: ['OUTSIDE_REGION'], 409: ['DUPLICATE_DOC_NUMBER'], 422: ['UNREADABLE_FILE', 'IMPORT_INVALID', 'INVALID_ALLOCATIONS'] })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 5 * 1024 * 1024, files: 1 } }))
  async import(@UploadedFile() file: UploadedTable | undefined, @Body() header: BatchHeaderDto, @CurrentUser() user: AuthUser) {
    return this.batches.create(header, await allocationsFromFile(file, user.regionCode), user);
  }

  @Get()
  @Roles('admin', 'county', 'finance', 'monitor')
  @ApiOkResponse({ type: BatchPage })
  list(@Query() query: ListBatchesQuery, @CurrentUser() user: AuthUser) {
    return this.batches.list(query, user);
  }

  @Get(':id')
  @Roles('admin', 'county', 'finance', 'monitor')
  @BATCH_ID
  @ApiOkResponse({ type: Batch })
  @ApiErrors({ 404: ['NOT_FOUND'] })
  findOne(@Param('id', BatchIdPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.batches.findOne(id, user);
  }

  @Post(':id/allocations/:countyCode/receipt')
  @HttpCode(200)
  @Roles('county')
  @BATCH_ID
  @COUNTY_CODE
  @ApiOkResponse({ type: Batch, description: '到账确认后的批次；匹配期限自此起算' })
  @ApiErrors({ 404: ['NOT_FOUND'], 409: ['ALREADY_RECEIVED', 'WRONG_STAGE', 'CONFLICT'], 422: ['RULE_BROKEN'], 503: ['EXPIRED'] })
  receive(@Param('id', BatchIdPipe) id: string, @Param('countyCode') county: string, @Body() body: ReceiptDto, @CurrentUser() user: AuthUser) {
    return this.batches.receive(id, countyCode(county), body, user);
  }

  @Post(':id/allocations/:countyCode/matches')
  @Roles('county')
  @BATCH_ID
  @COUNTY_CODE
  @ApiCreatedResponse({ type: MatchResult })
  @ApiErrors({ 404: ['NOT_FOUND'], 409: ['NOT_RECEIVED', 'WRONG_STAGE', 'CONFLICT'], 422: ['NOT_IN_LIBRARY', 'RULE_BROKEN'], 503: ['EXPIRED', 'RECORDING_DELAYED'] })
  match(
    @Param('id', BatchIdPipe) id: string,
    @Param('countyCode') county: string,
    @Body() body: MatchDto,
    @CurrentUser() user: AuthUser,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey?: string,
  ) {
    return this.batches.match(id, countyCode(county), body, user, idempotencyKey);
  }

  @Delete(':id/allocations/:countyCode/matches/:matchId')
  @Roles('county')
  @BATCH_ID
  @COUNTY_CODE
  @ApiParam({ name: 'matchId', format: 'uuid' })
  @ApiOkResponse({ type: UnmatchResult })
  @ApiErrors({ 404: ['NOT_FOUND'], 409: ['WRONG_STAGE', 'CONFLICT'], 422: ['RULE_BROKEN'], 503: ['EXPIRED'] })
  unmatch(
    @Param('id', BatchIdPipe) id: string,
    @Param('countyCode') county: string,
    @Param('matchId', MatchIdPipe) matchId: string,
    @Body() body: UnmatchDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.batches.unmatch(id, countyCode(county), matchId, body, user);
  }
}
