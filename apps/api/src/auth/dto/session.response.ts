import { ApiProperty } from '@nestjs/swagger';
import { LOGIN_ROLES } from '../../../../../libs/domain/src/stages';

/** 当前用户 */
export class SessionUser {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'village1' })
  username: string;

  @ApiProperty({ example: '北曹村村委会' })
  displayName: string;

  @ApiProperty({ enum: LOGIN_ROLES })
  role: string;

  /** 所在地区（12 位行政区划代码；全国为 000000000000） */
  @ApiProperty({ pattern: '^[0-9]{12}$', example: '140602205901' })
  regionCode: string;

  /** 行业主管部门代码（部门用户） */
  department: string | null;

  /** 须先修改密码（管理员新建或重置的密码）：此前只能查看本人信息和修改密码 */
  mustChangePassword: boolean;
}

/** 登录（API 客户端）：持有者令牌与用户 */
export class BearerSession {
  /** 放在 `Authorization: Bearer <accessToken>` 中，12 小时内有效 */
  accessToken: string;

  user: SessionUser;
}

/** 登录（控制台，`X-Auth-Mode: cookie`）：令牌在 httpOnly Cookie 中，答复只有用户与 CSRF 令牌 */
export class CookieSession {
  user: SessionUser;

  /** 修改请求须在 `X-CSRF-Token` 中回送 */
  csrfToken: string;
}
