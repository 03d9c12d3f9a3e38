import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { LoginRole } from '../../../../libs/domain/src/stages';
import type { AuthUser } from './auth-user';

export const PUBLIC_KEY = 'isPublic';
export const ROLES_KEY = 'roles';

/** No token needed (health, docs, the public publicity pages, login). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call the handler; others get 403. */
export const Roles = (...roles: LoginRole[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
