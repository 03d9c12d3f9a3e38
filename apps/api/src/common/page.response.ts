import { ApiProperty } from '@nestjs/swagger';

/** What every list answer carries beside its `items`. */
export abstract class PageMeta {
  /** 符合条件的总条数 */
  @ApiProperty({ type: 'integer', minimum: 0, example: 1 })
  total: number;

  /** 当前页码（从 1 开始） */
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  page: number;

  /** 每页条数 */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 200, example: 50 })
  pageSize: number;
}
