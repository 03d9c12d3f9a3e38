import { Module, type DynamicModule } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import type { FileStoreSettings } from '../../../../libs/config/src/file-store-config';
import { PoliciesModule } from '../policies/policies.module';
import { ProjectsModule } from '../projects/projects.module';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { FileStoreModule } from './storage/file-store.module';
import { FILE_STORE, type FileStore } from './storage/file-store';
import { uploadOptions } from './upload-limits';

@Module({})
export class AttachmentsModule {
  static register(settings: FileStoreSettings): DynamicModule {
    const store = FileStoreModule.register(settings);
    return {
      module: AttachmentsModule,
      imports: [
        ProjectsModule,
        PoliciesModule,
        store,
        MulterModule.registerAsync({ imports: [store], inject: [FILE_STORE], useFactory: (files: FileStore) => uploadOptions(files) }),
      ],
      controllers: [AttachmentsController],
      providers: [AttachmentsService],
    };
  }
}
