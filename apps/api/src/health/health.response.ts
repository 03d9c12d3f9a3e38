import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** 一个依赖的状态 */
export class DependencyCheck {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  /** 不可用的原因（down 时） */
  @ApiPropertyOptional()
  error?: string;
}

/** 健康检查：数据库与 Temporal 都可用时为 200，否则 503（同一形状） */
export class Health {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status: 'ok' | 'unavailable';

  database: DependencyCheck;

  temporal: DependencyCheck;
}
