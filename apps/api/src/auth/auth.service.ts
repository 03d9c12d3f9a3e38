import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hashPassword, verifyPassword } from '../../../../libs/auth/src/password';
import { afterFailure, isLocked } from '../../../../libs/domain/src/login-lockout';
import { passwordProblems } from '../../../../libs/domain/src/password-policy';
import { isLoginRole } from '../../../../libs/domain/src/stages';
import { UserEntity } from '../../../../libs/persistence/src/entities/user.entity';
import { ApiError } from '../common/api-error';
import { recordAdminAction } from '../users/admin-audit';
import type { AuthUser } from './auth-user';
import { SessionStates } from './session-states';

/** How long a sign-in lasts, for the token and the console's cookie alike. */
export const TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** The signed-in user as answered to the client: who they are, and whether they must change the password first. */
export type SessionUserView = AuthUser & { mustChangePassword: boolean };

export interface Session {
  accessToken: string;
  user: SessionUserView;
}

/** 403 for an account locked by wrong passwords, telling when it opens again. */
export function lockedError(lockedUntil: Date, now = Date.now()): ApiError {
  const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - now) / 60_000));
  return new ApiError(403, 'ACCOUNT_LOCKED', `账户因连续输错密码已被锁定，请 ${minutes} 分钟后再试，或请管理员解除锁定`, { lockedUntil: lockedUntil.toISOString() });
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly sessions: SessionStates,
  ) {}

  /**
   * A locked account is refused before its password is checked, so guessing on during a lock
   * learns nothing. A disabled account is only told so once the password was right.
   */
  async login(username: string, password: string): Promise<Session> {
    const row = await this.dataSource.getRepository(UserEntity).findOne({ where: { username } });
    if (row && isLocked(row, new Date())) throw lockedError(row.lockedUntil!);
    // One message for both cases, so the answer does not reveal which usernames exist.
    if (!row || !(await verifyPassword(password, row.passwordHash))) {
      if (row) await this.recordFailure(row);
      throw ApiError.unauthorized('用户名或密码错误');
    }
    if (row.disabled) throw new ApiError(403, 'ACCOUNT_DISABLED', '账户已停用，请联系管理员');
    if (!isLoginRole(row.role)) throw ApiError.unauthorized('用户名或密码错误');
    if (row.failedLogins > 0 || row.lockedUntil) {
      await this.dataSource.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [row.id]);
    }
    return this.issue(row);
  }

  /** 修改密码 by its owner: the old password, then the policy; every other session of the account ends. */
  async changePassword(caller: AuthUser, oldPassword: string, newPassword: string): Promise<Session> {
    const row = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: caller.id } });
    if (!row) throw ApiError.unauthorized();
    if (isLocked(row, new Date())) throw lockedError(row.lockedUntil!);
    if (!(await verifyPassword(oldPassword, row.passwordHash))) {
      // Counted like a wrong sign-in: a session left open must not become a way to guess the password.
      await this.recordFailure(row);
      throw ApiError.unprocessable('原密码不正确', 'WRONG_PASSWORD');
    }
    const problems = passwordProblems(newPassword, row.username, newPassword === oldPassword);
    if (problems.length > 0) throw ApiError.unprocessable(problems.join('；'), 'WEAK_PASSWORD', { problems });
    const hash = await hashPassword(newPassword);
    const updated = await this.dataSource.transaction(async (m) => {
      const [rows] = await m.query(
        `UPDATE users SET password_hash = $2, must_change_password = false, session_version = session_version + 1,
                password_changed_at = now(), updated_at = now(), failed_logins = 0, locked_until = NULL
          WHERE id = $1 AND disabled = false RETURNING session_version`,
        [row.id, hash],
      );
      if (!rows[0]) throw ApiError.unauthorized('账户已停用，请联系管理员');
      await recordAdminAction(m, { actor: row, action: 'user.password_change', target: row });
      return rows[0] as { session_version: number };
    });
    this.sessions.forget(row.id);
    return this.issue({ ...row, sessionVersion: updated.session_version, mustChangePassword: false });
  }

  async sessionUser(user: AuthUser): Promise<SessionUserView> {
    const state = await this.sessions.current(user.id);
    return { ...user, mustChangePassword: state?.mustChangePassword ?? false };
  }

  private async issue(row: UserEntity): Promise<Session> {
    if (!isLoginRole(row.role)) throw ApiError.unauthorized('用户名或密码错误');
    const user: AuthUser = {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      role: row.role,
      regionCode: row.regionCode,
      department: row.department,
    };
    const accessToken = await this.jwt.signAsync({ sub: row.id, user, sv: row.sessionVersion });
    return { accessToken, user: { ...user, mustChangePassword: row.mustChangePassword } };
  }

  /** One more wrong password against the account, under a row lock so parallel guesses all count; a new lock is logged. */
  private async recordFailure(row: UserEntity): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [current] = await m.query(`SELECT failed_logins, locked_until FROM users WHERE id = $1 FOR UPDATE`, [row.id]);
      if (!current) return;
      const now = new Date();
      const before = { failedLogins: current.failed_logins as number, lockedUntil: current.locked_until as Date | null };
      const next = afterFailure(before, now);
      await m.query(`UPDATE users SET failed_logins = $2, locked_until = $3, last_failed_login_at = $4 WHERE id = $1`, [row.id, next.failedLogins, next.lockedUntil, now]);
      if (next.lockedUntil && !isLocked(before, now)) {
        await recordAdminAction(m, { actor: row, action: 'user.locked', target: row, detail: { failedLogins: next.failedLogins, lockedUntil: next.lockedUntil.toISOString() } });
      }
    });
  }
}
