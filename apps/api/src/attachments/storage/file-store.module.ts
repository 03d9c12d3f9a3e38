import { Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import type { FileStoreSettings } from '../../../../../libs/config/src/file-store-config';
import { DiskFileStore } from './disk-file-store';
import { FILE_STORE, type FileStore } from './file-store';
import { S3FileStore } from './s3-file-store';

async function openStore(settings: FileStoreSettings): Promise<FileStore> {
  const store = settings.kind === 's3' ? new S3FileStore(settings) : new DiskFileStore(settings.root);
  await store.init();
  return store;
}

/** The one file store of the process, opened at start-up so a missing folder fails the boot, not an upload. */
@Module({})
export class FileStoreModule implements OnApplicationShutdown {
  constructor(@Inject(FILE_STORE) private readonly store: FileStore) {}

  static register(settings: FileStoreSettings): DynamicModule {
    return {
      module: FileStoreModule,
      providers: [{ provide: FILE_STORE, useFactory: () => openStore(settings) }],
      exports: [FILE_STORE],
    };
  }

  onApplicationShutdown(): void {
    if (this.store instanceof S3FileStore) this.store.close();
  }
}
