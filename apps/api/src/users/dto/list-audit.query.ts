import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CALENDAR_DATE_PATTERN, IsCalendarDate } from '../../common/date.validator';
import { PageQuery } from '../../common/pagination';
import { ADMIN_ACTIONS, type AdminAction } from '../admin-audit';
import { USERNAME_PATTERN } from './user-fields';

const ACTIONS = Object.keys(ADMIN_ACTIONS);

/** GET /admin/audit filters, newest first. */
export class ListAuditQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ACTIONS })
  @IsOptional()
  @IsIn(ACTIONS, { message: `action 须为 ${ACTIONS.join('、')} 之一` })
  action?: AdminAction;

  /** 操作人用户名 */
  @ApiPropertyOptional({ pattern: USERNAME_PATTERN.source })
  @IsOptional()
  @Matches(USERNAME_PATTERN, { message: 'actor 须为用户名（3–64 位小写字母、数字或 _ . -）' })
  actor?: string;

  /** 被操作用户的用户名 */
  @ApiPropertyOptional({ pattern: USERNAME_PATTERN.source })
  @IsOptional()
  @Matches(USERNAME_PATTERN, { message: 'target 须为用户名（3–64 位小写字母、数字或 _ . -）' })
  target?: string;

  /** 起始日期（北京时间，含当日） */
  @ApiPropertyOptional({ format: 'date', pattern: CALENDAR_DATE_PATTERN, example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  /** 截止日期（北京时间，含当日） */
  @ApiPropertyOptional({ format: 'date', pattern: CALENDAR_DATE_PATTERN, example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
