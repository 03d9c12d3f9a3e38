import { ApiProperty } from '@nestjs/swagger';

/** 行政区划 */
export class Region {
  @ApiProperty({ pattern: '^[0-9]{12}$', example: '140602000000' })
  code: string;

  @ApiProperty({ example: '朔城区' })
  name: string;

  /** country 是全国（代码 000000000000），树的根 */
  @ApiProperty({ enum: ['country', 'province', 'city', 'county', 'township', 'village'] })
  level: string;

  /** 上级地区代码；树的根为 null */
  @ApiProperty({ pattern: '^[0-9]{12}$', nullable: true })
  parentCode: string | null;
}

/** 一个地区的下级地区（不分页：一级之下最多数百个） */
export class RegionList {
  items: Region[];

  @ApiProperty({ type: 'integer', minimum: 0 })
  total: number;
}

/** 一个地区及其上级链（由近及远） */
export class RegionWithAncestors extends Region {
  ancestors: Region[];
}
