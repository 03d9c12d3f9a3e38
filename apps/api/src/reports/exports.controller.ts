import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { XLSX } from '../common/api-responses';
import { ApiErrors } from '../common/openapi';
import { sendFile } from '../monitor/monitor-export';
import { NationalExportService } from './national-export.service';
import { SelfEvaluationParams } from './self-evaluation.dto';

/** Files for other systems, drawn from the records of one county's year. */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('county', 'finance', 'monitor', 'admin')
@Controller('exports')
export class ExportsController {
  constructor(private readonly national: NationalExportService) {}

  /** 全国防返贫监测信息系统录入数据：项目、公示、资金到账、资金拨付四张表，金额以元和万元列出 */
  @Get('national-monitoring/:countyCode/:year')
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'XLSX 工作簿', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  // No query here, so the malformed path's 400 is not implied: it is named.
  @ApiErrors({ 400: ['VALIDATION_FAILED'], 404: ['REGION_NOT_FOUND'] })
  async nationalMonitoring(@Param() params: SelfEvaluationParams, @CurrentUser() user: AuthUser) {
    return sendFile(await this.national.file(params.countyCode, params.year, user));
  }
}
