import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/openapi';
import { sendFile } from '../monitor/monitor-export';
import { monthlyFile } from './monthly.documents';
import { MonthlyReportParams, MonthlyReportQuery } from './monthly.dto';
import { MonthlyReportBody } from './monthly.response';
import { MonthlyReportService } from './monthly.service';
import { MonthlyPaceParams, MonthlyPaceQuery } from './monthly-pace.dto';
import { MonthlyPaceBody } from './monthly-pace.response';
import { MonthlyPaceService } from './monthly-pace.service';
import { monthlyPaceFile } from './monthly-pace.workbook';
import { selfEvaluationFile } from './self-evaluation.documents';
import { SaveSelfEvaluationDto, SelfEvaluationParams, SelfEvaluationQuery } from './self-evaluation.dto';
import { SelfEvaluationBody } from './self-evaluation.response';
import { SelfEvaluationService } from './self-evaluation.service';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 报表: what a county sends upward, drawn from the records. The county reads and edits its own;
 * monitors, finance and admin read those inside their region.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('county', 'finance', 'monitor', 'admin')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly selfEvaluation: SelfEvaluationService,
    private readonly monthly: MonthlyReportService,
    private readonly pace: MonthlyPaceService,
  ) {}

  /** 各县序时进度：所辖各县本月执行率对照序时进度，落后的县在前，附 1 月以来逐月累计执行率；format=xlsx 下载 */
  @Get('monthly-pace/:regionCode/:month')
  @ApiProduces('application/json', XLSX)
  @ApiOkResponse({ type: MonthlyPaceBody, description: '各县一览（JSON），或 format=xlsx 时的文件' })
  @ApiErrors({ 404: ['REGION_NOT_FOUND'] })
  async monthlyPace(@Param() params: MonthlyPaceParams, @Query() query: MonthlyPaceQuery, @CurrentUser() user: AuthUser) {
    const report = await this.pace.report(params.regionCode, params.month, user);
    if (query.format === 'xlsx') return sendFile(await monthlyPaceFile(report));
    return report;
  }

  /** 月度支出报表：本年资金分批次、分项目的到位、匹配、本月与累计支出、执行率对照序时进度（月份 ÷ 12）；format=docx|xlsx 下载 */
  @Get('monthly/:countyCode/:month')
  @ApiProduces('application/json', DOCX, XLSX)
  @ApiOkResponse({ type: MonthlyReportBody, description: '报表（JSON），或 format=docx / xlsx 时的文件' })
  @ApiErrors({ 404: ['REGION_NOT_FOUND'] })
  async monthlyReport(@Param() params: MonthlyReportParams, @Query() query: MonthlyReportQuery, @CurrentUser() user: AuthUser) {
    const report = await this.monthly.report(params.countyCode, params.month, user);
    if (query.format === 'docx' || query.format === 'xlsx') return sendFile(await monthlyFile(report, query.format));
    return report;
  }

  /** 绩效自评报告：各项指标取自账目、流转记录与项目库，附计算方法、匹配时效与填报数核对；format=docx|xlsx 下载 */
  @Get('self-evaluation/:countyCode/:year')
  @ApiProduces('application/json', DOCX, XLSX)
  @ApiOkResponse({ type: SelfEvaluationBody, description: '报告（JSON），或 format=docx / xlsx 时的文件' })
  @ApiErrors({ 404: ['REGION_NOT_FOUND'] })
  async get(@Param() params: SelfEvaluationParams, @Query() query: SelfEvaluationQuery, @CurrentUser() user: AuthUser) {
    const report = await this.selfEvaluation.report(params.countyCode, params.year, user);
    if (query.format === 'docx' || query.format === 'xlsx') return sendFile(await selfEvaluationFile(report, query.format));
    return report;
  }

  /** 保存本县的报告文字与拟上报数（只限本县县级用户）；答复重新生成的报告，不一致的填报数标出差额 */
  @Put('self-evaluation/:countyCode/:year')
  @Roles('county')
  @ApiOkResponse({ type: SelfEvaluationBody })
  @ApiErrors({ 404: ['REGION_NOT_FOUND'] })
  save(@Param() params: SelfEvaluationParams, @Body() body: SaveSelfEvaluationDto, @CurrentUser() user: AuthUser) {
    return this.selfEvaluation.save(params.countyCode, params.year, body, user);
  }
}
