import { Body, Controller, Get, Header, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ProjectIdPipe } from '../projects/projects.controller';
import { PaymentDto } from './dto/payment.dto';
import { PaymentsService } from './payments.service';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('projects/:id')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Post('payments')
  @Roles('finance')
  pay(@Param('id', ProjectIdPipe) id: string, @Body() body: PaymentDto, @CurrentUser() user: AuthUser) {
    return this.payments.pay(id, body, user);
  }

  @Get('ledger')
  ledger(@Param('id', ProjectIdPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.payments.ledger(id, user);
  }

  @Get('households.csv')
  @Roles('finance', 'county', 'monitor', 'admin')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="yikatong.csv"')
  households(@Param('id', ProjectIdPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.payments.householdsCsv(id, user);
  }
}
