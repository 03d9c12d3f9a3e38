import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PROJECT_TYPES } from '../../../../../libs/domain/src/project-types';
import { STAGES } from '../../../../../libs/domain/src/stages';
import { PageQuery } from '../../common/pagination';
import { EXPORT_FORMATS, type ExportFormat } from '../../monitor/monitor-export';

export class ListProjectsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STAGES })
  @IsOptional()
  @IsIn(STAGES, { message: 'stage 不是已知的项目阶段' })
  stage?: string;

  @ApiPropertyOptional({ enum: PROJECT_TYPES })
  @IsOptional()
  @IsIn(PROJECT_TYPES, { message: 'type 不是已知的项目类型' })
  type?: string;

  @ApiPropertyOptional({ description: '只看该地区（须在本人管辖范围内）' })
  @IsOptional()
  @Matches(/^[0-9]{12}$/, { message: 'regionCode 须为 12 位数字的行政区划代码' })
  regionCode?: string;

  @ApiPropertyOptional({ description: '按项目名称、地点或内容搜索' })
  @IsOptional()
  @IsString({ message: 'q 须为字符串' })
  @MaxLength(100, { message: 'q 最长 100 字' })
  // PostgreSQL text cannot hold U+0000: refused here rather than failing the query.
  // eslint-disable-next-line no-control-regex -- NUL is exactly what is refused
  @Matches(/^[^\x00]*$/, { message: 'q 不能包含空字符（U+0000）' })
  q?: string;

  @ApiPropertyOptional({ enum: EXPORT_FORMATS, description: '导出符合筛选条件的全部项目（不分页）：csv 或 xlsx' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: 'format 须为 csv 或 xlsx' })
  format?: ExportFormat;
}
