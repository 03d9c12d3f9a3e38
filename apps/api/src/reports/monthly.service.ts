import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { readMonthlyRecords } from './monthly.records';
import { composeMonthly, type MonthlyReport } from './monthly.report';
import { countyInScope } from './report-scope';
import { READ_DATA_SOURCE } from '../common/read-data-source';

/** 月度支出报表 of a county, drawn from allocations, matches and payments each time it is asked for. */
@Injectable()
export class MonthlyReportService {
  constructor(@Inject(READ_DATA_SOURCE) private readonly db: DataSource) {}

  async report(countyCode: string, month: string, user: AuthUser, now = new Date()): Promise<MonthlyReport> {
    const countyName = await countyInScope(this.db, countyCode, user);
    const records = await readMonthlyRecords(this.db, countyCode, Number(month.slice(0, 4)), Number(month.slice(5, 7)));
    return composeMonthly({ countyCode, countyName, month, records, now });
  }
}
