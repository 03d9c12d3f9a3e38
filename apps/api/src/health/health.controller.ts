import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Health } from './health.response';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { TemporalClient } from '../../../../libs/temporal/src/temporal-client.module';
import { Public } from '../auth/auth.decorators';

type Check = { status: 'up' } | { status: 'down'; error: string };

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`超过 ${ms} 毫秒未响应`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function check(work: () => Promise<unknown>): Promise<Check> {
  try {
    await within(2000, work());
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message.split('\n')[0] };
  }
}

/** 200 only when both the database and Temporal answer; each is reported on its own. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalClient,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: Health, description: '数据库与 Temporal 均可用' })
  @ApiServiceUnavailableResponse({ type: Health, description: '数据库或 Temporal 不可用（各自的状态见 database、temporal）' })
  async health(@Res({ passthrough: true }) response: Response) {
    const [database, temporal] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.temporal.connection.workflowService.getSystemInfo({})),
    ]);
    const ok = database.status === 'up' && temporal.status === 'up';
    response.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', database, temporal };
  }
}
