import { Body, Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CSV } from '../common/api-responses';
import { ApiErrors } from '../common/openapi';
import { Ledger, PaymentResult } from './payment.response';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiProjectId, ProjectIdPipe, WORKFLOW_REFUSALS } from '../projects/projects.controller';
import { PaymentDto } from './dto/payment.dto';
import { PaymentsService } from './payments.service';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency-key';

@ApiTags('payments')
@ApiBearerAuth()
@ApiProjectId()
@Controller('projects/:id')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Post('payments')
  @Roles('finance')
  @ApiCreatedResponse({ type: PaymentResult })
  @ApiErrors(WORKFLOW_REFUSALS)
  pay(@Param('id', ProjectIdPipe) id: string, @Body() body: PaymentDto, @CurrentUser() user: AuthUser, @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey?: string) {
    return this.payments.pay(id, body, user, idempotencyKey);
  }

  @Get('ledger')
  @ApiOkResponse({ type: Ledger })
  @ApiErrors({ 404: ['NOT_FOUND'] })
  ledger(@Param('id', ProjectIdPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.payments.ledger(id, user);
  }

  /** The file headers are set only once the file exists: an error stays a JSON error, not a bank file. */
  @Get('households.csv')
  @Roles('finance', 'county', 'monitor', 'admin')
  @ApiProduces(CSV)
  @ApiOkResponse({ description: '一卡通发放清单（UTF-8 带 BOM 的 CSV）', content: { [CSV]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors({ 404: ['NOT_FOUND'] })
  async households(@Param('id', ProjectIdPipe) id: string, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) response: Response) {
    const csv = await this.payments.householdsCsv(id, user);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="yikatong.csv"');
    return csv;
  }
}
