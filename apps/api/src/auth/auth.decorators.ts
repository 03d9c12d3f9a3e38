import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { LoginRole } from '../../../../libs/domain/src/stages';
import type { AuthUser } from './auth-user';

export const PUBLIC_KEY = 'isPublic';
export const ROLES_KEY = 'roles';
export const PENDING_PASSWORD_KEY = 'allowsPendingPasswordChange';

/** No token needed (health, docs, the public publicity pages, login). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Open to a user who must still change the password an administrator set (who am I, change it);
 * every other route answers such a user 403 `PASSWORD_CHANGE_REQUIRED`.
 */
export const AllowsPendingPasswordChange = () => SetMetadata(PENDING_PASSWORD_KEY, true);

/** Only these roles may call the handler; others get 403. */
export const Roles = (...roles: LoginRole[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
