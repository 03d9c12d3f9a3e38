import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { allocationsFromFile, type UploadedTable } from './batch-import';
import { parseYuan } from '../../../../libs/domain/src/money';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { BatchesService } from './batches.service';
import { MatchDto, ReceiptDto, UnmatchDto } from './dto/allocation-actions.dto';
import { BatchHeaderDto, CreateBatchDto } from './dto/create-batch.dto';
import { ListBatchesQuery } from './dto/list-batches.query';

const BatchIdPipe = new ParseUUIDPipe({ exceptionFactory: () => ApiError.notFound('资金批次不存在') });
const MatchIdPipe = new ParseUUIDPipe({ exceptionFactory: () => ApiError.notFound('匹配记录不存在') });

function countyCode(value: string): string {
  if (!/^\d{12}$/.test(value)) throw ApiError.notFound('该批次没有下达给该县的资金');
  return value;
}

@ApiTags('batches')
@ApiBearerAuth()
@Controller('batches')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  /** 下达资金批次: an admin for any region, a county for a county-level batch of its own. */
  @Post()
  @Roles('admin', 'county')
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
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 5 * 1024 * 1024, files: 1 } }))
  async import(@UploadedFile() file: UploadedTable | undefined, @Body() header: BatchHeaderDto, @CurrentUser() user: AuthUser) {
    return this.batches.create(header, await allocationsFromFile(file, user.regionCode), user);
  }

  @Get()
  @Roles('admin', 'county', 'finance', 'monitor')
  list(@Query() query: ListBatchesQuery, @CurrentUser() user: AuthUser) {
    return this.batches.list(query, user);
  }

  @Get(':id')
  @Roles('admin', 'county', 'finance', 'monitor')
  findOne(@Param('id', BatchIdPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.batches.findOne(id, user);
  }

  @Post(':id/allocations/:countyCode/receipt')
  @HttpCode(200)
  @Roles('county')
  receive(@Param('id', BatchIdPipe) id: string, @Param('countyCode') county: string, @Body() body: ReceiptDto, @CurrentUser() user: AuthUser) {
    return this.batches.receive(id, countyCode(county), body, user);
  }

  @Post(':id/allocations/:countyCode/matches')
  @Roles('county')
  match(@Param('id', BatchIdPipe) id: string, @Param('countyCode') county: string, @Body() body: MatchDto, @CurrentUser() user: AuthUser) {
    return this.batches.match(id, countyCode(county), body, user);
  }

  @Delete(':id/allocations/:countyCode/matches/:matchId')
  @Roles('county')
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
