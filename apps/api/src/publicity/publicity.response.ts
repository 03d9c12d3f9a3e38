import { ApiProperty } from '@nestjs/swagger';
import { PROJECT_TYPES } from '../../../../libs/domain/src/project-types';
import { PageMeta } from '../common/page.response';
import { YUAN_PATTERN } from '../common/yuan.validator';
import { Beneficiaries, FundingSource } from '../projects/dto/project.response';
import { PublicAttachment } from '../attachments/dto/attachment.response';

/** 公示公告：公众可以看到的项目内容和公示期 */
export class PublicityNotice {
  @ApiProperty({ format: 'uuid' })
  id: string;

  name: string;

  @ApiProperty({ enum: PROJECT_TYPES })
  type: string;

  place: string;

  content: string;

  scale: string | null;

  /** 总投资（元） */
  @ApiProperty({ pattern: YUAN_PATTERN, example: '1600000.00' })
  totalBudget: string;

  fundingSources: FundingSource[];

  beneficiaries: Beneficiaries;

  /** 联农带农机制 */
  farmerLink: string;

  @ApiProperty({ pattern: '^\\d{12}$', example: '140602205901' })
  villageCode: string;

  @ApiProperty({ format: 'date-time' })
  periodStart: string;

  @ApiProperty({ format: 'date-time' })
  periodEnd: string;

  /** 如何提出异议 */
  howToObject: string;

  /** 公开的附件（村民代表大会决议、实施方案、照片等），从 GET /public/publicity/{id}/attachments/{aid} 下载 */
  @ApiProperty({ type: [PublicAttachment] })
  attachments: PublicAttachment[];
}

/** 公示中的项目的一页 */
export class PublicityPage extends PageMeta {
  items: PublicityNotice[];
}

/** 异议已收到 */
export class ObjectionReceipt {
  @ApiProperty({ format: 'uuid' })
  objectionId: string;

  @ApiProperty({ format: 'uuid' })
  projectId: string;

  @ApiProperty({ enum: ['open'] })
  status: 'open';
}
