import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../../libs/persistence/src/data-source';

/**
 * Where the heavy reads go (监测, 月报, 各县序时进度, 全国系统导出): a PostgreSQL read replica when
 * DATABASE_READ_URL names one, else the primary. Only reads that tolerate a replica's lag of a
 * second or so come here; an action's own answer and anything read back after a write use the primary.
 */
export const READ_DATA_SOURCE = Symbol('READ_DATA_SOURCE');

/** Closes the replica's pool with the app; the primary is TypeOrmModule's to close. */
@Injectable()
class ReadDataSourceCloser implements OnApplicationShutdown {
  constructor(
    @Inject(READ_DATA_SOURCE) private readonly reads: DataSource,
    @Inject(getDataSourceToken()) private readonly primary: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.reads !== this.primary && this.reads.isInitialized) await this.reads.destroy();
  }
}

@Global()
@Module({})
export class ReadDataSourceModule {
  static register(readUrl?: string): DynamicModule {
    return {
      module: ReadDataSourceModule,
      providers: [
        {
          provide: READ_DATA_SOURCE,
          inject: [getDataSourceToken()],
          useFactory: async (primary: DataSource) => (readUrl ? new DataSource(dataSourceOptions(readUrl)).initialize() : primary),
        },
        ReadDataSourceCloser,
      ],
      exports: [READ_DATA_SOURCE],
    };
  }
}
