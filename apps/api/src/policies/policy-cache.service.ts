import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PolicyCache } from '../../../../libs/persistence/src/policies/policy-cache';

/** The API process's PolicyCache, listening from start-up to shutdown. */
@Injectable()
export class PolicyCacheService extends PolicyCache implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@InjectDataSource() db: DataSource) {
    super(db, (db.options as { url?: string }).url ?? '');
  }

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }
}
