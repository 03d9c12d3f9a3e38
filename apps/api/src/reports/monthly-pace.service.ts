import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isWithinScope } from '../../../../libs/auth/src/scope';
import { regionPrefix } from '../../../../libs/reference-data/src/region-names';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { readMonthlyRecords } from './monthly.records';
import { composeMonthlyPace, type MonthlyPaceReport } from './monthly-pace.report';
import { READ_DATA_SOURCE } from '../common/read-data-source';

/** 各县序时进度: the counties under a region for one month, from the same records as each county's monthly report. */
@Injectable()
export class MonthlyPaceService {
  constructor(@Inject(READ_DATA_SOURCE) private readonly db: DataSource) {}

  async report(regionCode: string, month: string, user: AuthUser, now = new Date()): Promise<MonthlyPaceReport> {
    const regions: Array<{ name: string; level: string }> = await this.db.query(`SELECT name, level FROM regions WHERE code = $1`, [regionCode]);
    // Townships and villages hold no county's money; another region's code reads as unknown.
    if (regions.length === 0 || !['province', 'city', 'county'].includes(regions[0].level) || !isWithinScope(regionCode, user.regionCode)) {
      throw ApiError.notFound('地区不存在或不在您的管辖范围内', 'REGION_NOT_FOUND');
    }
    const counties: Array<{ code: string; name: string }> = await this.db.query(
      `SELECT code, name FROM regions WHERE level = 'county' AND code LIKE $1 || '%' ORDER BY code`,
      [regionPrefix(regionCode)],
    );
    const year = Number(month.slice(0, 4));
    const monthNo = Number(month.slice(5, 7));
    // One county at a time: a city's counties together may hold a hundred thousand projects.
    const withRecords = [];
    for (const c of counties) withRecords.push({ countyCode: c.code, countyName: c.name, records: await readMonthlyRecords(this.db, c.code, year, monthNo) });
    return composeMonthlyPace({ regionCode, regionName: regions[0].name, month, counties: withRecords, now });
  }
}
