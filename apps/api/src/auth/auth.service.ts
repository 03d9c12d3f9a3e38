import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { verifyPassword } from '../../../../libs/auth/src/password';
import { isLoginRole } from '../../../../libs/domain/src/stages';
import { UserEntity } from '../../../../libs/persistence/src/entities/user.entity';
import { ApiError } from '../common/api-error';
import type { AuthUser } from './auth-user';

/** How long a sign-in lasts, for the token and the console's cookie alike. */
export const TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
  ) {}

  async login(username: string, password: string): Promise<{ accessToken: string; user: AuthUser }> {
    const row = await this.dataSource.getRepository(UserEntity).findOne({ where: { username } });
    // One message for both cases, so the answer does not reveal which usernames exist.
    if (!row || !(await verifyPassword(password, row.passwordHash)) || !isLoginRole(row.role)) {
      throw ApiError.unauthorized('用户名或密码错误');
    }
    const user: AuthUser = {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      role: row.role,
      regionCode: row.regionCode,
      department: row.department,
    };
    return { accessToken: await this.jwt.signAsync({ sub: row.id, user }), user };
  }
}
