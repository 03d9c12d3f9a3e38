import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '../common/page.response';
import { LOGIN_ROLES } from '../../../../libs/domain/src/stages';
import { ADMIN_ACTIONS } from './admin-audit';

/** 用户（管理视图） */
export class UserView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'township1' })
  username: string;

  @ApiProperty({ example: '贾庄乡人民政府' })
  displayName: string;

  @ApiProperty({ enum: LOGIN_ROLES })
  role: string;

  /** 角色名称 */
  @ApiProperty({ example: '乡镇' })
  roleLabel: string;

  @ApiProperty({ pattern: '^[0-9]{12}$', example: '140602205000' })
  regionCode: string;

  /** 地区名称 */
  @ApiProperty({ example: '贾庄乡' })
  regionName: string;

  /** 行业主管部门代码（部门用户） */
  department: string | null;

  /** 已停用：不能登录，已登录的会话失效 */
  disabled: boolean;

  /** 须在下次登录后修改密码 */
  mustChangePassword: boolean;

  /** 当前因连续输错密码被锁定 */
  locked: boolean;

  /** 锁定到何时（未锁定时为 null） */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lockedUntil: string | null;

  /** 上次登录成功后连续输错密码的次数 */
  @ApiProperty({ type: 'integer', minimum: 0 })
  failedLogins: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastFailedLoginAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  passwordChangedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class UserPage extends PageMeta {
  items: UserView[];
}

/** 管理日志的一条 */
export class AdminAuditEntryView {
  /** 日志序号（递增） */
  @ApiProperty({ pattern: '^[0-9]+$', example: '12' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ example: 'admin' })
  actorUsername: string;

  @ApiProperty({ example: 'admin' })
  actorRole: string;

  @ApiProperty({ enum: Object.keys(ADMIN_ACTIONS) })
  action: string;

  /** 操作名称 */
  @ApiProperty({ example: '新建用户' })
  actionLabel: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  targetUserId: string | null;

  @ApiProperty({ nullable: true, type: String })
  targetUsername: string | null;

  /** 被操作用户的地区 */
  @ApiProperty({ pattern: '^[0-9]{12}$' })
  regionCode: string;

  /** 地区名称 */
  @ApiProperty({ example: '贾庄乡' })
  regionName: string;

  /** 改动内容（不含密码） */
  @ApiProperty({ type: 'object', additionalProperties: true })
  detail: Record<string, unknown>;
}

export class AdminAuditPage extends PageMeta {
  items: AdminAuditEntryView[];
}
