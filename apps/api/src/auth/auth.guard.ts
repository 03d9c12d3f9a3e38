import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { ApiError } from '../common/api-error';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import type { AuthUser } from './auth-user';
import { SESSION_COOKIE, csrfRefusal, readCookies } from './session-cookie';

/**
 * Every route needs a valid token unless marked @Public(); @Roles() narrows who may call it. The
 * token comes from the bearer header (API clients) or the console's session cookie, which also needs
 * its CSRF header on every change.
 */
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
    const header = request.headers.authorization;
    const cookies = header === undefined ? readCookies(request) : undefined;
    const token = cookies ? cookies[SESSION_COOKIE] : /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token) throw ApiError.unauthorized('缺少访问令牌（Authorization: Bearer <token>）');
    try {
      request.user = (await this.jwt.verifyAsync<{ user: AuthUser }>(token)).user;
    } catch {
      throw ApiError.unauthorized('访问令牌无效或已过期，请重新登录');
    }
    const refusal = cookies && csrfRefusal(request, cookies);
    if (refusal) throw ApiError.forbidden(refusal, 'CSRF_FAILED');

    const roles = this.reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.user.role)) {
      throw ApiError.forbidden('当前角色无权执行此操作', 'WRONG_ROLE');
    }
    return true;
  }
}
