import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/openapi';
import { sendFile } from '../monitor/monitor-export';
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
  constructor(private readonly selfEvaluation: SelfEvaluationService) {}

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
