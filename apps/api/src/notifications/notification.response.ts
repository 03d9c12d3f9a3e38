import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '../common/page.response';

/** 预警通知：匹配期限的预警或逾期标记 */
export class Notification {
  @ApiProperty({ type: 'integer' })
  id: number;

  /** 通知类型（如 matching_warning 匹配预警、matching_overdue 匹配逾期） */
  kind: string;

  @ApiProperty({ pattern: '^\\d{12}$' })
  regionCode: string;

  regionName: string;

  @ApiProperty({ format: 'uuid', nullable: true })
  batchId: string | null;

  /** 批次文号 */
  docNumber: string | null;

  @ApiProperty({ format: 'uuid', nullable: true })
  allocationId: string | null;

  message: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

/** 预警通知的一页，最新的在前 */
export class NotificationPage extends PageMeta {
  items: Notification[];
}
