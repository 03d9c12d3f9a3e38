import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { ApiError } from '../common/api-error';
import { PENDING_PASSWORD_KEY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import type { AuthUser } from './auth-user';
import { SESSION_COOKIE, csrfRefusal, readCookies } from './session-cookie';
import { SessionStates } from './session-states';

/**
 * Every route needs a valid token unless marked @Public(); @Roles() narrows who may call it. The
 * token comes from the bearer header (API clients) or the console's session cookie, which also needs
 * its CSRF header on every change. A token names its account's session version: once the account is
 * disabled or its password changes the version moves on and the token no longer opens anything.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly sessions: SessionStates,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const header = request.headers.authorization;
    const cookies = header === undefined ? readCookies(request) : undefined;
    const token = cookies ? cookies[SESSION_COOKIE] : /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token) throw ApiError.unauthorized('缺少访问令牌（Authorization: Bearer <token>）');
    let claims: { user: AuthUser; sv?: number };
    try {
      claims = await this.jwt.verifyAsync<{ user: AuthUser; sv?: number }>(token);
    } catch {
      throw ApiError.unauthorized('访问令牌无效或已过期，请重新登录');
    }
    const state = await this.sessions.current(claims.user.id);
    if (!state || state.disabled || state.sessionVersion !== claims.sv) {
      throw ApiError.unauthorized('登录已失效（账户已停用、密码已修改或权限已调整），请重新登录');
    }
    request.user = claims.user;
    const refusal = cookies && csrfRefusal(request, cookies);
    if (refusal) throw ApiError.forbidden(refusal, 'CSRF_FAILED');
    if (state.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PENDING_PASSWORD_KEY, targets)) {
      throw ApiError.forbidden('须先修改密码：管理员设置的密码须由本人修改后才能继续使用', 'PASSWORD_CHANGE_REQUIRED');
    }

    const roles = this.reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.user.role)) {
      throw ApiError.forbidden('当前角色无权执行此操作', 'WRONG_ROLE');
    }
    return true;
  }
}
