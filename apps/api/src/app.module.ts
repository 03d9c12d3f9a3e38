import { DynamicModule, Module } from '@nestjs/common';
import { resolve } from 'node:path';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '../../../libs/persistence/src/data-source';
import { TemporalClientModule, type TemporalSettings } from '../../../libs/temporal/src/temporal-client.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BatchesModule } from './batches/batches.module';
import { PaymentsModule } from './payments/payments.module';
import { NotificationsModule } from './notifications/notifications.module';
import { HealthController } from './health/health.controller';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { PoliciesModule } from './policies/policies.module';
import { ProjectsModule } from './projects/projects.module';
import { PublicityModule } from './publicity/publicity.module';
import { TasksModule } from './tasks/tasks.module';
import { MonitorModule } from './monitor/monitor.module';
import { ReportsModule } from './reports/reports.module';
import { RegionsController } from './regions/regions.controller';
import { UsersModule } from './users/users.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { ReadDataSourceModule } from './common/read-data-source';
import type { FileStoreSettings } from '../../../libs/config/src/file-store-config';

export interface ApiSettings {
  databaseUrl: string;
  /** DATABASE_READ_URL: a read replica for the monitor's and the reports' reads; the primary when absent. */
  databaseReadUrl?: string;
  temporal: TemporalSettings;
  jwtSecret: string;
  /** Where attachments are kept; `.data/files` of the working folder when not given. */
  files?: FileStoreSettings;
}

@Module({})
export class AppModule {
  static register(settings: ApiSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(settings.databaseUrl), retryAttempts: 3, retryDelay: 1000 }),
        ReadDataSourceModule.register(settings.databaseReadUrl),
        TemporalClientModule.register(settings.temporal),
        AuthModule.register(settings.jwtSecret),
        IdempotencyModule,
        ProjectsModule,
        PublicityModule,
        TasksModule,
        MonitorModule,
        ReportsModule,
        BatchesModule,
        PaymentsModule,
        NotificationsModule,
        PoliciesModule,
        UsersModule,
        AttachmentsModule.register(settings.files ?? { kind: 'disk', root: resolve('.data', 'files') }),
        AuditModule,
        ApprovalsModule,
      ],
      controllers: [HealthController, RegionsController],
    };
  }
}
