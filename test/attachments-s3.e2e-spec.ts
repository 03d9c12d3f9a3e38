import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { application, binary, ensureUser, type Headers } from './support/fixtures';
import { startMotoServer, type MotoServer } from './support/moto-server';
import { sampleDocx, samplePdf } from './support/sample-files';
import { startTestStack, type TestStack } from './support/test-stack';

// 怀仁市, like the disk test, with a village of this file's own.
const HUAIREN = '140681000000';
const TOWNSHIP = '140681997000';
const VILLAGE = '140681997901';
const BUCKET = 'rural-funds-attachments';
const CREDENTIALS = { accessKeyId: 'test-key', secretAccessKey: 'test-secret' };

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('project attachments in an S3-compatible store', () => {
  let moto: MotoServer;
  let s3: S3Client;
  let stack: TestStack;
  let village: Headers;

  const objects = async () => (await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents?.map((o) => o.Key) ?? [];
  const draft = async () =>
    (await stack.http().post('/projects').set(village).send(application({ villageCode: VILLAGE, place: '怀仁市对象存储测试村', type: 'infrastructure', totalBudget: '200000.00', fundingSources: [{ source: '县级衔接资金', amount: '200000.00' }] })).expect(201)).body
      .id as string;
  const upload = (id: string, kind: string, bytes: Buffer, name: string) => stack.http().post(`/projects/${id}/attachments`).set(village).field('kind', kind).attach('files', bytes, name);

  beforeAll(async () => {
    moto = await startMotoServer();
    s3 = new S3Client({ endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: CREDENTIALS });
    stack = await startTestStack({ files: { kind: 's3', endpoint: moto.endpoint, bucket: BUCKET, region: 'us-east-1', forcePathStyle: true, ...CREDENTIALS } });
    await stack.db.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ($1, '对象存储测试镇', 'township', $2) ON CONFLICT DO NOTHING`, [TOWNSHIP, HUAIREN]);
    await stack.db.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ($1, '对象存储测试村', 'village', $2) ON CONFLICT DO NOTHING`, [VILLAGE, TOWNSHIP]);
    village = await ensureUser(stack, { username: 'attachments-s3-village', role: 'village', regionCode: VILLAGE, displayName: '对象存储测试村村委会' });
  });
  afterAll(async () => {
    await stack?.stop();
    s3?.destroy();
    await moto?.stop();
  });

  it('creates its bucket at start when the store has none', async () => {
    expect(await objects()).toEqual([]);
  });

  it('stores the file as one object named by its hash before answering, and serves the same bytes', async () => {
    const id = await draft();
    const docx = await sampleDocx('对象存储');
    const answer = await upload(id, 'implementation_plan', docx, '实施方案（对象存储）.docx').expect(201);
    const item = answer.body.items[0];
    expect(item).toMatchObject({ sha256: sha256(docx), fileType: 'docx', size: docx.length });

    const stored = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `files/${item.sha256}` }));
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(docx)).toBe(true);
    expect(stored.ContentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');

    const download = await stack.http().get(`/projects/${id}/attachments/${item.id}`).set(village).buffer(true).parse(binary).expect(200);
    expect((download.body as Buffer).equals(docx)).toBe(true);
    expect(download.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('实施方案（对象存储）.docx')}`);
  });

  it('sends the same content once', async () => {
    const [a, b] = [await draft(), await draft()];
    const pdf = samplePdf('对象存储去重');
    await upload(a, 'photo', pdf, 'a.pdf').expect(201);
    await upload(b, 'photo', pdf, 'b.pdf').expect(201);
    await upload(b, 'other', pdf, 'c.pdf').expect(201);
    expect((await objects()).filter((key) => key === `files/${sha256(pdf)}`)).toHaveLength(1);
  });

  it('answers 503 and records nothing while the store is away, so no answered upload is lost', async () => {
    const id = await draft();
    await moto.stop();
    const refused = await upload(id, 'photo', samplePdf('存储中断'), 'p.pdf').expect(503);
    expect(refused.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: '附件存储暂时不可用，本次上传未保存，请稍后重试' });
    expect((await stack.http().get(`/projects/${id}/attachments`).set(village).expect(200)).body.items).toEqual([]);
  });
});
