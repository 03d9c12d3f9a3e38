import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiPageOrFile } from '../common/api-responses';
import { ApiErrors } from '../common/openapi';
import { CountyPage, MatchingPage } from './monitor.response';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { sendFile } from './monitor-export';
import { CountiesQuery, MatchingQuery } from './monitor.query';
import { MonitorService } from './monitor.service';

/**
 * 监测 (monitoring): read-only, for the monitor, the county, finance and admin, each inside their own
 * region (a city monitor sees its counties, a county itself). `format=csv|xlsx` exports every row that
 * matches the filters instead of one page.
 */
@ApiTags('monitor')
@ApiBearerAuth()
@Roles('monitor', 'county', 'finance', 'admin')
@Controller('monitor')
export class MonitorController {
  constructor(private readonly monitor: MonitorService) {}

  /** 资金匹配监测: per batch and county, the 15-day matching clock, most urgent first. */
  @Get('matching')
  @ApiPageOrFile(MatchingPage, '一页，或 format=csv / xlsx 时符合筛选条件的全部行')
  @ApiErrors({ 404: ['REGION_NOT_FOUND'] })
  async matching(@Query() query: MatchingQuery, @CurrentUser() user: AuthUser) {
    if (query.format === 'csv' || query.format === 'xlsx') return sendFile(await this.monitor.exportMatching(query, user, query.format));
    return this.monitor.matching(query, user);
  }

  /** 县级资金监测: per county and year, received, matched, paid, execution rate, industry share, overdue work. */
  @Get('counties')
  @ApiPageOrFile(CountyPage, '一页，或 format=csv / xlsx 时符合筛选条件的全部行')
  @ApiErrors({ 404: ['REGION_NOT_FOUND'] })
  async counties(@Query() query: CountiesQuery, @CurrentUser() user: AuthUser) {
    if (query.format === 'csv' || query.format === 'xlsx') return sendFile(await this.monitor.exportCounties(query, user, query.format));
    return this.monitor.counties(query, user);
  }
}
