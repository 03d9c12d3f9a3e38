import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOkAnyOf } from '../common/api-responses';
import { BearerSession, CookieSession, SessionUser } from './dto/session.response';
import type { Request, Response } from 'express';
import { Public, CurrentUser } from './auth.decorators';
import { AuthService, TOKEN_LIFETIME_MS } from './auth.service';
import type { AuthUser } from './auth-user';
import { LoginDto } from './dto/login.dto';
import { LoginThrottle } from './login-throttle';
import { ApiErrors } from '../common/openapi';
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
  @ApiErrors({ 401: ['UNAUTHORIZED'] })
  @ApiOkAnyOf('持有者令牌与用户；控制台会话（X-Auth-Mode: cookie）时为用户与 CSRF 令牌', BearerSession, CookieSession)
  async login(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const client = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const session = await this.throttle.attempt(client, body.username, response, () => this.auth.login(body.username, body.password));
    if (!wantsCookieSession(request)) return session;
    const csrfToken = setSessionCookies(request, response, session.accessToken, TOKEN_LIFETIME_MS);
    return { user: session.user, csrfToken };
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
  @ApiOkResponse({ type: SessionUser })
  me(@CurrentUser() user: AuthUser): AuthUser {
    return user;
  }
}
