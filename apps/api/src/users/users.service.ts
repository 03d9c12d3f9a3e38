import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { hashPassword, verifyPassword } from '../../../../libs/auth/src/password';
import { NATIONAL_REGION_CODE, isWithinScope } from '../../../../libs/auth/src/scope';
import { isLocked } from '../../../../libs/domain/src/login-lockout';
import { passwordProblems } from '../../../../libs/domain/src/password-policy';
import { isLoginRole, roleLabel, type LoginRole } from '../../../../libs/domain/src/stages';
import { assignableRoles, roleFitProblem, type UserAdminRole } from '../../../../libs/domain/src/user-roles';
import { regionPrefix } from '../../../../libs/reference-data/src/region-names';
import type { AuthUser } from '../auth/auth-user';
import { LoginThrottle } from '../auth/login-throttle';
import { SessionStates } from '../auth/session-states';
import { ApiError } from '../common/api-error';
import { pageOf, type Page } from '../common/pagination';
import { recordAdminAction, type AdminAuditEntry } from './admin-audit';
import type { CreateUserDto } from './dto/create-user.dto';
import type { ListUsersQuery } from './dto/list-users.query';
import type { ResetPasswordDto } from './dto/reset-password.dto';
import type { UpdateUserDto } from './dto/update-user.dto';
import type { UserView } from './user.response';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  region_code: string;
  region_name: string | null;
  department: string | null;
  disabled: boolean;
  must_change_password: boolean;
  failed_logins: number;
  last_failed_login_at: Date | null;
  locked_until: Date | null;
  password_changed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT_USER = `
  SELECT u.id, u.username, u.display_name, u.password_hash, u.role, u.region_code, r.name AS region_name, u.department,
         u.disabled, u.must_change_password, u.failed_logins, u.last_failed_login_at, u.locked_until,
         u.password_changed_at, u.created_at, u.updated_at
    FROM users u LEFT JOIN regions r ON r.code = u.region_code`;

/** The code prefix of everything inside a region; the national root holds everything. */
export function prefixOf(regionCode: string): string {
  return regionCode === NATIONAL_REGION_CODE ? '' : regionPrefix(regionCode);
}

/** Trims what the display-name pattern counts as blank, so a name it accepted never ends up empty. */
function tidyName(name: string): string {
  return name.replace(/^[ \u3000]+|[ \u3000]+$/g, '');
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function view(row: UserRow, now = new Date()): UserView {
  const locked = isLocked({ failedLogins: row.failed_logins, lockedUntil: row.locked_until }, now);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    roleLabel: isLoginRole(row.role) ? roleLabel(row.role) : row.role,
    regionCode: row.region_code,
    regionName: row.region_name ?? row.region_code,
    department: row.department,
    disabled: row.disabled,
    mustChangePassword: row.must_change_password,
    locked,
    lockedUntil: locked ? row.locked_until!.toISOString() : null,
    failedLogins: row.failed_logins,
    lastFailedLoginAt: row.last_failed_login_at?.toISOString() ?? null,
    passwordChangedAt: row.password_changed_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * 用户管理. An admin manages every account; a county admin the accounts of its county's offices,
 * townships and villages. An account outside the caller's reach answers 404 like one that does not
 * exist. Every change is written with its admin-audit entry in one transaction.
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionStates,
    private readonly throttle: LoginThrottle,
  ) {}

  async list(query: ListUsersQuery, caller: AuthUser): Promise<Page<UserView>> {
    const { page, pageSize, offset } = pageOf(query);
    const where: string[] = [`u.region_code LIKE $1`];
    const params: unknown[] = [`${prefixOf(caller.regionCode)}%`];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (query.regionCode) {
      if (!isWithinScope(query.regionCode, caller.regionCode)) throw ApiError.notFound('地区不存在或不在本人管辖范围内', 'REGION_NOT_FOUND');
      add(`u.region_code LIKE ?`, `${prefixOf(query.regionCode)}%`);
    }
    if (query.q) add(`(u.username ILIKE ? OR u.display_name ILIKE ?)`, likePattern(query.q.trim()));
    if (query.role) add(`u.role = ?`, query.role);
    if (query.status === 'active') where.push(`NOT u.disabled AND (u.locked_until IS NULL OR u.locked_until <= now())`);
    if (query.status === 'disabled') where.push(`u.disabled`);
    if (query.status === 'locked') where.push(`u.locked_until > now()`);
    if (query.status === 'must_change_password') where.push(`u.must_change_password`);
    const filter = `WHERE ${where.join(' AND ')}`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`${SELECT_USER} ${filter} ORDER BY u.username LIMIT ${pageSize} OFFSET ${offset}`, params) as Promise<UserRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM users u ${filter}`, params) as Promise<Array<{ total: number }>>,
    ]);
    const now = new Date();
    return { items: rows.map((r) => view(r, now)), total, page, pageSize };
  }

  async findOne(id: string, caller: AuthUser): Promise<UserView> {
    return view(await this.reachable(this.dataSource.manager, id, caller));
  }

  async create(body: CreateUserDto, caller: AuthUser): Promise<UserView> {
    const department = body.department ?? null;
    await this.checkPlacement(this.dataSource.manager, caller, body.role, body.regionCode, department);
    const problems = passwordProblems(body.password, body.username);
    if (problems.length > 0) throw ApiError.unprocessable(problems.join('；'), 'WEAK_PASSWORD', { problems });
    const hash = await hashPassword(body.password);
    const id = await this.dataSource.transaction(async (m) => {
      const inserted: Array<{ id: string }> = await m.query(
        `INSERT INTO users (username, display_name, password_hash, role, region_code, department, must_change_password)
         VALUES ($1, $2, $3, $4, $5, $6, true) ON CONFLICT (username) DO NOTHING RETURNING id`,
        [body.username, tidyName(body.displayName), hash, body.role, body.regionCode, department],
      );
      if (!inserted[0]) throw ApiError.conflict(`用户名 ${body.username} 已被使用`, 'USERNAME_TAKEN');
      await this.audit(m, caller, 'user.create', { id: inserted[0].id, username: body.username, regionCode: body.regionCode }, {
        displayName: tidyName(body.displayName),
        role: body.role,
        regionCode: body.regionCode,
        department,
      });
      return inserted[0].id;
    });
    return this.findOne(id, caller);
  }

  /**
   * Changing who the account is (role, region, department) or disabling it ends its sessions: the
   * token carries the old identity, and a disabled person must stop at once.
   */
  async update(id: string, body: UpdateUserDto, caller: AuthUser): Promise<UserView> {
    const fields = (['displayName', 'role', 'regionCode', 'department', 'disabled'] as const).filter((k) => body[k] !== undefined);
    if (fields.length === 0) throw ApiError.badRequest('VALIDATION_FAILED', '请求参数不合法：请至少给出一个要修改的字段', [{ field: '', messages: ['请至少给出一个要修改的字段'] }]);
    await this.dataSource.transaction(async (m) => {
      const row = await this.reachable(m, id, caller, true);
      const role = body.role ?? (row.role as LoginRole);
      const regionCode = body.regionCode ?? row.region_code;
      const department = body.department !== undefined ? body.department : role === 'department' ? row.department : null;
      const displayName = (body.displayName === undefined ? row.display_name : tidyName(body.displayName));
      const disabled = body.disabled ?? row.disabled;
      const identityChanged = role !== row.role || regionCode !== row.region_code || department !== row.department;
      if (row.id === caller.id && (identityChanged || disabled)) {
        throw ApiError.conflict('不能停用本人的账户，也不能修改本人的角色、地区或部门', 'CONFLICT');
      }
      if (identityChanged) await this.checkPlacement(m, caller, role, regionCode, department);
      const endsSessions = identityChanged || (disabled && !row.disabled);
      await m.query(
        `UPDATE users SET display_name = $2, role = $3, region_code = $4, department = $5, disabled = $6,
                session_version = session_version + $7, updated_at = now() WHERE id = $1`,
        [row.id, displayName, role, regionCode, department, disabled, endsSessions ? 1 : 0],
      );
      const target = { id: row.id, username: row.username, regionCode };
      if (disabled !== row.disabled) await this.audit(m, caller, disabled ? 'user.disable' : 'user.enable', target);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const compare = (key: string, from: unknown, to: unknown) => {
        if (from !== to) changes[key] = { from, to };
      };
      compare('displayName', row.display_name, displayName);
      compare('role', row.role, role);
      compare('regionCode', row.region_code, regionCode);
      compare('department', row.department, department);
      if (Object.keys(changes).length > 0) await this.audit(m, caller, 'user.update', target, { changes });
    });
    this.sessions.forget(id);
    return this.findOne(id, caller);
  }

  /** 重置密码: the administrator's password opens one sign-in that must replace it; the account's sessions end and a lock is lifted. */
  async resetPassword(id: string, body: ResetPasswordDto, caller: AuthUser): Promise<UserView> {
    const row = await this.reachable(this.dataSource.manager, id, caller);
    const problems = passwordProblems(body.password, row.username, await verifyPassword(body.password, row.password_hash));
    if (problems.length > 0) throw ApiError.unprocessable(problems.join('；'), 'WEAK_PASSWORD', { problems });
    const hash = await hashPassword(body.password);
    await this.dataSource.transaction(async (m) => {
      const current = await this.reachable(m, id, caller, true);
      await m.query(
        `UPDATE users SET password_hash = $2, must_change_password = true, session_version = session_version + 1,
                failed_logins = 0, locked_until = NULL, password_changed_at = now(), updated_at = now() WHERE id = $1`,
        [id, hash],
      );
      await this.audit(m, caller, 'user.reset_password', { id, username: current.username, regionCode: current.region_code });
    });
    this.sessions.forget(id);
    this.throttle.forget(row.username);
    return this.findOne(id, caller);
  }

  /** 解除锁定: the wrong-password count starts again from nothing. */
  async unlock(id: string, caller: AuthUser): Promise<UserView> {
    const row = await this.dataSource.transaction(async (m) => {
      const current = await this.reachable(m, id, caller, true);
      await m.query(`UPDATE users SET failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1`, [id]);
      await this.audit(m, caller, 'user.unlock', { id, username: current.username, regionCode: current.region_code }, {
        failedLogins: current.failed_logins,
        lockedUntil: current.locked_until?.toISOString() ?? null,
      });
      return current;
    });
    this.throttle.forget(row.username);
    return this.findOne(id, caller);
  }

  /** The account if the caller may manage it; 404 when it does not exist or is beyond the caller's reach. */
  private async reachable(m: EntityManager, id: string, caller: AuthUser, forUpdate = false): Promise<UserRow> {
    const rows: UserRow[] = await m.query(`${SELECT_USER} WHERE u.id = $1 ${forUpdate ? 'FOR UPDATE OF u' : ''}`, [id]);
    const row = rows[0];
    if (!row || !isWithinScope(row.region_code, caller.regionCode)) throw ApiError.notFound('用户不存在');
    if (!isLoginRole(row.role) || !assignableRoles(caller.role as UserAdminRole).includes(row.role)) {
      throw ApiError.forbidden(`${roleLabel(caller.role)}不能管理${isLoginRole(row.role) ? roleLabel(row.role) : row.role}账户`, 'WRONG_ROLE');
    }
    return row;
  }

  /** Whether the caller may put an account of this role in this region, and whether the role fits the region. */
  private async checkPlacement(m: EntityManager, caller: AuthUser, role: LoginRole, regionCode: string, department: string | null): Promise<void> {
    if (!assignableRoles(caller.role as UserAdminRole).includes(role)) {
      throw ApiError.forbidden(`${roleLabel(caller.role)}不能设立${roleLabel(role)}账户`, 'WRONG_ROLE');
    }
    if (!isWithinScope(regionCode, caller.regionCode)) throw ApiError.forbidden('该地区不在本人管辖范围内', 'OUTSIDE_REGION');
    const [region]: Array<{ level: string }> = await m.query(`SELECT level FROM regions WHERE code = $1`, [regionCode]);
    if (!region) throw ApiError.unprocessable(`地区代码 ${regionCode} 不存在`, 'UNKNOWN_REGION');
    const problem = roleFitProblem(role, region.level, department);
    if (problem) throw ApiError.unprocessable(problem, 'RULE_BROKEN');
  }

  private audit(m: EntityManager, caller: AuthUser, action: AdminAuditEntry['action'], target: AdminAuditEntry['target'], detail?: Record<string, unknown>) {
    return recordAdminAction(m, { actor: caller, action, target, detail });
  }
}
