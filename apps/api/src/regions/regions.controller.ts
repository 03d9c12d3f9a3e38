import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi';
import { RegionList, RegionWithAncestors } from './region.response';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { RegionEntity } from '../../../../libs/persistence/src/entities/region.entity';
import { ApiError } from '../common/api-error';

/** The region tree is public reference data (names and codes), readable by any signed-in user. */
@ApiTags('regions')
@ApiBearerAuth()
@Controller('regions')
export class RegionsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiQuery({ name: 'parent', required: false, schema: { type: 'string', pattern: '^[0-9]{12}$' }, description: '上级行政区划代码；省略则返回顶层' })
  @ApiOkResponse({ type: RegionList })
  async list(@Query('parent') parent?: string) {
    if (parent !== undefined && !/^[0-9]{12}$/.test(parent)) {
      throw ApiError.badRequest('VALIDATION_FAILED', 'parent 须为 12 位数字的行政区划代码');
    }
    const items = await this.dataSource.getRepository(RegionEntity).find({
      where: { parentCode: parent ?? IsNull() },
      order: { code: 'ASC' },
    });
    return { items, total: items.length };
  }

  /** One region with the chain above it, so a page can name where a user or a project is (贾庄乡 · 朔城区 · 朔州市). */
  @Get(':code')
  @ApiParam({ name: 'code', schema: { type: 'string', pattern: '^[0-9]{12}$' } })
  @ApiOkResponse({ type: RegionWithAncestors })
  @ApiErrors({ 400: ['VALIDATION_FAILED'], 404: ['REGION_NOT_FOUND'] })
  async one(@Param('code') code: string) {
    if (!/^[0-9]{12}$/.test(code)) throw ApiError.badRequest('VALIDATION_FAILED', '行政区划代码须为 12 位数字');
    const repo = this.dataSource.getRepository(RegionEntity);
    const region = await repo.findOne({ where: { code } });
    if (!region) throw ApiError.notFound('地区不存在', 'REGION_NOT_FOUND');
    const ancestors: RegionEntity[] = [];
    for (let parent = region.parentCode; parent; ) {
      const up = await repo.findOne({ where: { code: parent } });
      if (!up) break;
      ancestors.push(up);
      parent = up.parentCode;
    }
    return { ...region, ancestors };
  }
}
