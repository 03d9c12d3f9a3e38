import type { LoginRole } from '../../../../libs/domain/src/stages';

/** Who is calling, as carried in the access token. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: LoginRole;
  regionCode: string;
  department: string | null;
}
