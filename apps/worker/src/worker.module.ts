import { DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../../activities';
import { dataSourceOptions } from '../../../libs/persistence/src/data-source';

export const ACTIVITIES = Symbol('ACTIVITIES');
export const WORKER_DATA_SOURCE = 'worker';

/** The worker's dependency container: activities get their database connection from here. */
@Module({})
export class WorkerModule {
  static register(databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      // Named, so that in the single-process launcher it does not collide with the API's data source.
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), name: WORKER_DATA_SOURCE, retryAttempts: 3, retryDelay: 1000 })],
      providers: [{ provide: ACTIVITIES, inject: [getDataSourceToken(WORKER_DATA_SOURCE)], useFactory: (ds: DataSource) => createActivities(ds) }],
    };
  }
}
