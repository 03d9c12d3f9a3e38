import { join, resolve } from 'node:path';
import { fileStoreConfig } from './file-store-config';

describe('fileStoreConfig', () => {
  it('keeps files in the data directory by default', () => {
    expect(fileStoreConfig({}, '.data')).toEqual({ kind: 'disk', root: join(resolve('.data'), 'files') });
  });

  it('uses the bucket when endpoint and bucket are set', () => {
    expect(fileStoreConfig({ S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'rural-funds', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' }, '.data')).toEqual({
      kind: 's3',
      endpoint: 'http://minio:9000',
      bucket: 'rural-funds',
      region: 'us-east-1',
      accessKeyId: 'k',
      secretAccessKey: 's',
      forcePathStyle: true,
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => fileStoreConfig({ S3_BUCKET: 'b1b' }, '.data')).toThrow('S3_ENDPOINT');
    expect(() => fileStoreConfig({ S3_ENDPOINT: 'http://minio:9000' }, '.data')).toThrow('S3_BUCKET');
    expect(() => fileStoreConfig({ S3_ENDPOINT: 'minio', S3_BUCKET: 'files' }, '.data')).toThrow('S3_ENDPOINT');
    expect(() => fileStoreConfig({ S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'Bad_Bucket' }, '.data')).toThrow('S3_BUCKET');
    expect(() => fileStoreConfig({ S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'files', S3_ACCESS_KEY_ID: 'k' }, '.data')).toThrow('S3_SECRET_ACCESS_KEY');
    expect(() => fileStoreConfig({ S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'files', S3_FORCE_PATH_STYLE: 'maybe' }, '.data')).toThrow('S3_FORCE_PATH_STYLE');
  });
});
