import type { DataSource } from 'typeorm';
import { isWithinScope } from '../../../../libs/auth/src/scope';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';

/** The county's name, if the caller may see it: another region's county answers like an unknown one. */
export async function countyInScope(db: DataSource, countyCode: string, user: AuthUser): Promise<string> {
  const rows: Array<{ name: string }> = await db.query(`SELECT name FROM regions WHERE code = $1 AND level = 'county'`, [countyCode]);
  if (rows.length === 0 || !isWithinScope(countyCode, user.regionCode)) {
    throw ApiError.notFound('县不存在或不在您的管辖范围内', 'REGION_NOT_FOUND');
  }
  return rows[0].name;
}
