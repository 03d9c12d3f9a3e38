import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import type { ExportFile } from '../monitor/monitor-export';
import { XLSX } from '../common/api-responses';
import { readNationalRecords } from './national-export.records';
import { nationalWorkbook } from './national-export.workbook';
import { countyInScope } from './report-scope';
import { READ_DATA_SOURCE } from '../common/read-data-source';

/** 全国防返贫监测信息系统 export of a county's year, drawn from the records each time. */
@Injectable()
export class NationalExportService {
  constructor(@Inject(READ_DATA_SOURCE) private readonly db: DataSource) {}

  async file(countyCode: string, year: number, user: AuthUser): Promise<ExportFile> {
    const countyName = await countyInScope(this.db, countyCode, user);
    const body = await nationalWorkbook(await readNationalRecords(this.db, countyCode, year));
    return {
      body,
      contentType: XLSX,
      asciiName: `national-monitoring-${countyCode}-${year}.xlsx`,
      name: `${countyName}${year}年全国防返贫监测信息系统录入数据.xlsx`,
    };
  }
}
