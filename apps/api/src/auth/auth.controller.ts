import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOkAnyOf } from '../common/api-responses';
import { BearerSession, CookieSession, SessionUser } from './dto/session.response';
import type { Request, Response } from 'express';
import { AllowsPendingPasswordChange, Public, CurrentUser } from './auth.decorators';
import { AuthService, TOKEN_LIFETIME_MS, type Session } from './auth.service';
import type { AuthUser } from './auth-user';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { LoginThrottle } from './login-throttle';
import { ApiErrors } from '../common/openapi';
import { SkipIdempotency } from '../idempotency/idempotency.interceptor';
import { AUTH_MODE_HEADER, clearSessionCookies, setSessionCookies, wantsCookieSession } from './session-cookie';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * API clients get the bearer token in the answer. The console asks for a cookie session instead
   * (`X-Auth-Mode: cookie`): the token goes into an httpOnly cookie and the answer carries only the
   * user and the CSRF token to echo in `X-CSRF-Token`.
   */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiHeader({ name: AUTH_MODE_HEADER, required: false, description: '`cookie`：控制台会话（httpOnly Cookie + CSRF 令牌），答复不含 accessToken' })
  @ApiErrors({ 429: ['TOO_MANY_REQUESTS'] })
  @ApiErrors({ 401: ['UNAUTHORIZED'], 403: ['ACCOUNT_LOCKED', 'ACCOUNT_DISABLED'] })
  @ApiOkAnyOf('持有者令牌与用户；控制台会话（X-Auth-Mode: cookie）时为用户与 CSRF 令牌', BearerSession, CookieSession)
  async login(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const client = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const session = await this.throttle.attempt(client, body.username, response, () => this.auth.login(body.username, body.password));
    return this.answer(session, request, response);
  }

  /**
   * 修改密码: every session of the account ends, this one included, so the answer is a new
   * session in the same form as a sign-in's.
   */
  @ApiBearerAuth()
  @Post('change-password')
  @HttpCode(200)
  @AllowsPendingPasswordChange()
  // Its answer is a new token, which must not sit in the idempotency table for a day.
  @SkipIdempotency()
  @ApiErrors({ 403: ['ACCOUNT_LOCKED'], 422: ['WRONG_PASSWORD', 'WEAK_PASSWORD'] })
  @ApiOkAnyOf('新的持有者令牌与用户；控制台会话时为用户与新的 CSRF 令牌', BearerSession, CookieSession)
  async changePassword(@Body() body: ChangePasswordDto, @CurrentUser() user: AuthUser, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const session = await this.auth.changePassword(user, body.oldPassword, body.newPassword);
    return this.answer(session, request, response);
  }

  /** Ends the console's cookie session; a bearer token simply expires. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: '会话 Cookie 已清除' })
  logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    clearSessionCookies(request, response);
  }

  @ApiBearerAuth()
  @Get('me')
  @AllowsPendingPasswordChange()
  @ApiOkResponse({ type: SessionUser })
  me(@CurrentUser() user: AuthUser) {
    return this.auth.sessionUser(user);
  }

  private answer(session: Session, request: Request, response: Response) {
    if (!wantsCookieSession(request)) return session;
    const csrfToken = setSessionCookies(request, response, session.accessToken, TOKEN_LIFETIME_MS);
    return { user: session.user, csrfToken };
  }
}
