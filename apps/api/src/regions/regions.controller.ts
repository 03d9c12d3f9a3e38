import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
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
  @ApiQuery({ name: 'parent', required: false, description: '上级行政区划代码；省略则返回顶层' })
  async list(@Query('parent') parent?: string) {
    if (parent !== undefined && !/^\d{12}$/.test(parent)) {
      throw ApiError.badRequest('VALIDATION_FAILED', 'parent 须为 12 位数字的行政区划代码');
    }
    const items = await this.dataSource.getRepository(RegionEntity).find({
      where: { parentCode: parent ?? IsNull() },
      order: { code: 'ASC' },
    });
    return { items, total: items.length };
  }
}
