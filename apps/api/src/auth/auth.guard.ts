import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { ApiError } from '../common/api-error';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import type { AuthUser } from './auth-user';

/** Every route needs a valid token unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw ApiError.unauthorized('缺少访问令牌（Authorization: Bearer <token>）');
    try {
      request.user = (await this.jwt.verifyAsync<{ user: AuthUser }>(match[1])).user;
    } catch {
      throw ApiError.unauthorized('访问令牌无效或已过期，请重新登录');
    }

    const roles = this.reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.user.role)) {
      throw ApiError.forbidden('当前角色无权执行此操作', 'WRONG_ROLE');
    }
    return true;
  }
}
