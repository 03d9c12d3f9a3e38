import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The largest page a list answers: far beyond any real list at 200 a page, small enough for an OFFSET. */
export const MAX_PAGE = 1_000_000;
/** The largest page size a list answers. */
export const MAX_PAGE_SIZE = 200;

/** `page` and `pageSize` of every list. */
export class PageQuery {
  /** 页码，从 1 开始 */
  @ApiPropertyOptional({ type: 'integer', default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page 须为正整数' })
  @Min(1, { message: 'page 须为正整数' })
  @Max(MAX_PAGE, { message: 'page 过大' })
  page?: number;

  /** 每页条数 */
  @ApiPropertyOptional({ type: 'integer', default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize 须为 1–200 的整数' })
  @Min(1, { message: 'pageSize 须为 1–200 的整数' })
  @Max(MAX_PAGE_SIZE, { message: 'pageSize 须为 1–200 的整数' })
  pageSize?: number;
}
