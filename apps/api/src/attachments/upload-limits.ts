import { randomUUID } from 'node:crypto';
import type { MulterOptions } from '@nestjs/platform-express/multer/interfaces/multer-options.interface';
import { diskStorage } from 'multer';
import { ATTACHMENT_MAX_MB_LIMIT } from '../../../../libs/domain/src/policy';
import type { FileStore } from './storage/file-store';

export const MAX_FILES_PER_UPLOAD = 10;

/**
 * Uploads stream to disk in the store's incoming folder (never whole into memory), cut off at the
 * largest size any policy may allow; the region's own, smaller limit is checked once they are in.
 * Browsers send file names as raw UTF-8, which busboy would otherwise read as Latin-1.
 */
export function uploadOptions(store: FileStore): MulterOptions {
  return {
    storage: diskStorage({ destination: store.incoming, filename: (_req, _file, done) => done(null, randomUUID()) }),
    limits: { fileSize: ATTACHMENT_MAX_MB_LIMIT * 1024 * 1024, files: MAX_FILES_PER_UPLOAD, fields: 5, fieldSize: 1024, parts: MAX_FILES_PER_UPLOAD + 5 },
    defParamCharset: 'utf8',
  };
}
