import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { ClosingRetries } from './closing-retries';

export const TEMPORAL_SETTINGS = Symbol('TEMPORAL_SETTINGS');

export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
}

/**
 * The API's Temporal client. The connection is lazy, so the API starts (and reports 503 on
 * /health) while Temporal is still coming up or briefly away.
 */
@Injectable()
export class TemporalClient extends Client implements OnApplicationShutdown {
  readonly workflowTaskQueue: string;
  private readonly retries: ClosingRetries;

  constructor(@Inject(TEMPORAL_SETTINGS) settings: TemporalSettings) {
    const retries = new ClosingRetries();
    super({ connection: Connection.lazy({ address: settings.address, interceptors: retries.interceptors }), namespace: settings.namespace });
    this.retries = retries;
    this.workflowTaskQueue = settings.taskQueue;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.retries.drain();
    await this.connection.close();
  }
}

@Global()
@Module({})
export class TemporalClientModule {
  static register(settings: TemporalSettings): DynamicModule {
    return {
      module: TemporalClientModule,
      providers: [{ provide: TEMPORAL_SETTINGS, useValue: settings }, TemporalClient],
      exports: [TemporalClient, TEMPORAL_SETTINGS],
    };
  }
}
