import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { application, binary, ensureUser, type Headers } from './support/fixtures';
import { samplePdf, sampleDocx, sampleExecutable } from './support/sample-files';
import { login, startTestStack, type TestStack } from './support/test-stack';

// 怀仁市: no other test file applies for projects there, so its policy is this file's to set.
const HUAIREN = '140681000000';
const TOWNSHIP = '140681998000';
const VILLAGE = '140681998901';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('project attachments over HTTP', () => {
  let stack: TestStack;
  let root: string;
  let village: Headers;
  let township: Headers;
  let admin: Headers;

  const upload = (id: string, headers: Headers, kind: string, files: Array<{ bytes: Buffer; name: string }>) => {
    const req = stack.http().post(`/projects/${id}/attachments`).set(headers).field('kind', kind);
    for (const f of files) req.attach('files', f.bytes, { filename: f.name, contentType: 'application/pdf' });
    return req;
  };
  const storedFiles = async (): Promise<string[]> => {
    const out: string[] = [];
    const walk = async (dir: string) => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) await walk(join(dir, entry.name));
        else out.push(join(dir, entry.name));
      }
    };
    await walk(root);
    return out;
  };
  const draft = async () => {
    const body = application({ villageCode: VILLAGE, place: '怀仁市附件测试村', type: 'infrastructure', totalBudget: '300000.00', fundingSources: [{ source: '县级衔接资金', amount: '300000.00' }] });
    return (await stack.http().post('/projects').set(village).send(body).expect(201)).body.id as string;
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'attachments-e2e-'));
    stack = await startTestStack({ files: { kind: 'disk', root } });
    await stack.db.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ($1, '附件测试镇', 'township', $2) ON CONFLICT DO NOTHING`, [TOWNSHIP, HUAIREN]);
    await stack.db.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ($1, '附件测试村', 'village', $2) ON CONFLICT DO NOTHING`, [VILLAGE, TOWNSHIP]);
    village = await ensureUser(stack, { username: 'attachments-village', role: 'village', regionCode: VILLAGE, displayName: '附件测试村村委会' });
    township = await ensureUser(stack, { username: 'attachments-township', role: 'township', regionCode: TOWNSHIP, displayName: '附件测试镇人民政府' });
    admin = await login(stack, 'admin');
    await stack
      .http()
      .put(`/policies/${HUAIREN}`)
      .set(admin)
      .send({ attachmentMaxMb: 1, requiredAttachments: { submit: ['villagers_resolution'], countyMeeting: ['county_meeting_minutes'], procurement: [], acceptance: [] } })
      .expect(200);
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('refuses the submission without the resolution, naming it, and takes it once uploaded', async () => {
    const id = await draft();
    const before = await stack.http().get(`/projects/${id}/attachments`).set(village).expect(200);
    expect(before.body).toMatchObject({
      items: [],
      canUpload: true,
      maxMb: 1,
      requirements: [{ gate: 'submit', gateLabel: '提交申报', kind: 'villagers_resolution', kindLabel: '村民代表大会决议', satisfied: false }],
    });

    const refused = await stack.http().post(`/projects/${id}/submit`).set(village).send({}).expect(422);
    expect(refused.body).toEqual({ code: 'ATTACHMENTS_MISSING', message: '提交申报前须上传附件：村民代表大会决议', details: { gate: 'submit', missing: ['villagers_resolution'] } });
    expect((await stack.http().get(`/projects/${id}`).set(village).expect(200)).body.stage).toBe('draft');

    const pdf = samplePdf();
    const uploaded = await upload(id, village, 'villagers_resolution', [{ bytes: pdf, name: '村民代表大会决议（2026年第3次）.pdf' }]).expect(201);
    expect(uploaded.body.items).toEqual([
      expect.objectContaining({
        kind: 'villagers_resolution',
        kindLabel: '村民代表大会决议',
        name: '村民代表大会决议（2026年第3次）.pdf',
        size: pdf.length,
        fileType: 'pdf',
        mime: 'application/pdf',
        sha256: sha256(pdf),
        stage: 'draft',
        uploadedBy: { name: '附件测试村村委会', role: 'village' },
        canDelete: true,
      }),
    ]);
    expect(uploaded.body.requirements[0].satisfied).toBe(true);

    const submitted = await stack.http().post(`/projects/${id}/submit`).set(village).send({}).expect(200);
    expect(submitted.body.stage).toBe('township_review');

    // Submitted: the file is part of the record now.
    const aid = uploaded.body.items[0].id;
    const locked = await stack.http().delete(`/projects/${id}/attachments/${aid}`).set(village).expect(409);
    expect(locked.body.message).toBe('项目已提交，附件不能再删除');
    // The township acts now and may add its opinion.
    const opinion = await upload(id, township, 'township_opinion', [{ bytes: samplePdf('乡镇审核意见'), name: '审核意见.pdf' }]).expect(201);
    expect(opinion.body.items.map((i: { kind: string }) => i.kind)).toEqual(['villagers_resolution', 'township_opinion']);
    expect(opinion.body.items[1].canDelete).toBe(false);
    // The village may still withdraw, but its papers went in with the submission.
    const late = await upload(id, village, 'photo', [{ bytes: samplePdf('补充照片'), name: '补充.pdf' }]).expect(409);
    expect(late.body.message).toBe('项目当前为「乡镇审核」，此阶段不由您办理，不能上传附件');
  });

  it('downloads the very bytes under the original name', async () => {
    const id = await draft();
    const docx = await sampleDocx();
    const name = '实施方案 修订稿 #2.docx';
    const uploaded = await upload(id, village, 'implementation_plan', [{ bytes: docx, name }]).expect(201);
    const item = uploaded.body.items[0];
    expect(item).toMatchObject({ fileType: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });

    const download = await stack.http().get(`/projects/${id}/attachments/${item.id}`).set(village).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(download.body as Buffer, docx)).toBe(0);
    expect(download.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(download.headers['content-length']).toBe(String(docx.length));
    expect(download.headers['content-disposition']).toBe(`attachment; filename="attachment.docx"; filename*=UTF-8''${encodeURIComponent(name)}`);
    // The county's offices read it too.
    const county = await ensureUser(stack, { username: 'attachments-county', role: 'county', regionCode: HUAIREN, displayName: '怀仁市乡村振兴局' });
    await stack.http().get(`/projects/${id}/attachments/${item.id}`).set(county).expect(200);
  });

  it('keeps the same content once, whichever project or kind it came with', async () => {
    const first = await draft();
    const second = await draft();
    const pdf = samplePdf('照片说明');
    const before = (await storedFiles()).length;
    await upload(first, village, 'other', [{ bytes: pdf, name: 'a.pdf' }]).expect(201);
    const again = await upload(first, village, 'other', [{ bytes: pdf, name: 'a-copy.pdf' }]).expect(201);
    expect(again.body.items).toHaveLength(1);
    await upload(first, village, 'implementation_plan', [{ bytes: pdf, name: 'plan.pdf' }]).expect(201);
    const elsewhere = await upload(second, village, 'other', [{ bytes: pdf, name: 'b.pdf' }]).expect(201);
    expect(elsewhere.body.items[0].sha256).toBe(sha256(pdf));

    const files = await storedFiles();
    expect(files.length).toBe(before + 1);
    const hash = sha256(pdf);
    expect(files).toContain(join(root, hash.slice(0, 2), hash.slice(2, 4), hash));
    expect((await stat(join(root, hash.slice(0, 2), hash.slice(2, 4), hash))).size).toBe(pdf.length);
    const rows = await stack.db.query(`SELECT count(*)::int AS n FROM project_attachments WHERE sha256 = $1`, [hash]);
    expect(rows[0].n).toBe(3);
  });

  it('judges a file by its content, not its name, and stores nothing of a refused upload', async () => {
    const id = await draft();
    const before = await storedFiles();
    const good = samplePdf();
    const refused = await upload(id, village, 'villagers_resolution', [
      { bytes: good, name: '决议.pdf' },
      { bytes: sampleExecutable(), name: '决议扫描件.pdf' },
    ]).expect(415);
    expect(refused.body).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', details: { name: '决议扫描件.pdf', detected: null } });
    expect(refused.body.message).toContain('文件「决议扫描件.pdf」的内容不是可接受的文件类型');

    const large = await upload(id, village, 'villagers_resolution', [{ bytes: samplePdf('大文件', 1024 * 1024 + 10), name: '大文件.pdf' }]).expect(413);
    expect(large.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '文件「大文件.pdf」超过 1 MB 的上限，未保存任何文件' });

    expect((await stack.http().get(`/projects/${id}/attachments`).set(village).expect(200)).body.items).toEqual([]);
    expect(await storedFiles()).toEqual(before);
    expect(await readdir(join(root, 'incoming'))).toEqual([]);
  });

  it('answers bad forms with 4xx', async () => {
    const id = await draft();
    const kind = await upload(id, village, '村民代表大会决议', [{ bytes: samplePdf(), name: 'x.pdf' }]).expect(400);
    expect(kind.body.code).toBe('VALIDATION_FAILED');
    const none = await stack.http().post(`/projects/${id}/attachments`).set(village).field('kind', 'photo').expect(400);
    expect(none.body).toMatchObject({ code: 'NO_FILES', message: '请选择要上传的文件（字段 files）' });
    await stack.http().post(`/projects/${id}/attachments`).set(village).set('Content-Type', 'text/plain').send('hello').expect(415);
    await stack.http().get(`/projects/${id}/attachments/not-a-uuid`).set(village).expect(404);
    await stack.http().get(`/projects/${id}/attachments/00000000-0000-4000-8000-000000000000`).set(village).expect(404);
    expect(await readdir(join(root, 'incoming'))).toEqual([]);
  });

  it('hides another region’s attachments as if they did not exist', async () => {
    const id = await draft();
    const uploaded = await upload(id, village, 'photo', [{ bytes: samplePdf(), name: 'p.pdf' }]).expect(201);
    const aid = uploaded.body.items[0].id;
    for (const other of [await login(stack, 'village1'), await login(stack, 'county1')]) {
      await stack.http().get(`/projects/${id}/attachments`).set(other).expect(404);
      await stack.http().get(`/projects/${id}/attachments/${aid}`).set(other).expect(404);
      await upload(id, other, 'photo', [{ bytes: samplePdf(), name: 'q.pdf' }]).expect(404);
    }
    await stack.http().delete(`/projects/${id}/attachments/${aid}`).set(await login(stack, 'village1')).expect(404);
    // Not under publicity: the public board knows nothing of it.
    await stack.http().get(`/public/publicity/${id}/attachments`).expect(404);
    await stack.http().get(`/public/publicity/${id}/attachments/${aid}`).expect(404);
  });

  it('asks the county for its meeting minutes, and shows the public only the public kinds while under publicity', async () => {
    const department = await ensureUser(stack, { username: 'attachments-department', role: 'department', regionCode: HUAIREN, displayName: '怀仁市农业农村局', department: 'agriculture' });
    const county = await ensureUser(stack, { username: 'attachments-county', role: 'county', regionCode: HUAIREN, displayName: '怀仁市乡村振兴局' });
    // An industry project above the meeting threshold: the county's approval must cite its standing meeting.
    const body = application({ villageCode: VILLAGE, place: '怀仁市附件测试村' });
    const id = (await stack.http().post('/projects').set(village).send(body).expect(201)).body.id as string;
    const resolution = await upload(id, village, 'villagers_resolution', [{ bytes: samplePdf(), name: '决议.pdf' }]).expect(201);
    await upload(id, village, 'photo', [{ bytes: samplePdf('现场照片'), name: '现场.pdf' }]).expect(201);
    await stack.http().post(`/projects/${id}/submit`).set(village).send({}).expect(200);
    await stack.http().post(`/projects/${id}/review`).set(township).send({ decision: 'approve' }).expect(200);
    await stack.http().post(`/projects/${id}/review`).set(department).send({ decision: 'approve' }).expect(200);

    const listed = await stack.http().get(`/projects/${id}/attachments`).set(county).expect(200);
    expect(listed.body.requirements).toContainEqual({ gate: 'countyMeeting', gateLabel: '县级审定（须上会的项目）', kind: 'county_meeting_minutes', kindLabel: '县政府常务会议纪要', satisfied: false });
    const approval = { decision: 'approve', meetingRef: '怀仁市政府常务会议纪要〔2026〕9号' };
    const refused = await stack.http().post(`/projects/${id}/review`).set(county).send(approval).expect(422);
    expect(refused.body).toMatchObject({ code: 'ATTACHMENTS_MISSING', message: '县级审定（须上会的项目）前须上传附件：县政府常务会议纪要' });
    await upload(id, county, 'county_meeting_minutes', [{ bytes: samplePdf('常务会议纪要'), name: '纪要.pdf' }]).expect(201);
    expect((await stack.http().post(`/projects/${id}/review`).set(county).send(approval).expect(200)).body.stage).toBe('publicity');

    const board = await stack.http().get('/public/publicity?pageSize=100').expect(200);
    const notice = board.body.items.find((n: { id: string }) => n.id === id);
    expect(notice.attachments.map((a: { kindLabel: string }) => a.kindLabel)).toEqual(['村民代表大会决议', '照片']);
    const publicList = await stack.http().get(`/public/publicity/${id}/attachments`).expect(200);
    expect(publicList.body).toEqual(notice.attachments);
    const aid = resolution.body.items[0].id;
    const file = await stack.http().get(`/public/publicity/${id}/attachments/${aid}`).buffer(true).parse(binary).expect(200);
    expect(sha256(file.body as Buffer)).toBe(resolution.body.items[0].sha256);
    const minutes = (await stack.http().get(`/projects/${id}/attachments`).set(county).expect(200)).body.items.find((a: { kind: string }) => a.kind === 'county_meeting_minutes');
    await stack.http().get(`/public/publicity/${id}/attachments/${minutes.id}`).expect(404);
  });

  it('lets the uploader delete while the project is a draft', async () => {
    const id = await draft();
    const uploaded = await upload(id, village, 'photo', [{ bytes: samplePdf(), name: 'p.pdf' }]).expect(201);
    const aid = uploaded.body.items[0].id;
    const left = await stack.http().delete(`/projects/${id}/attachments/${aid}`).set(village).expect(200);
    expect(left.body.items).toEqual([]);
    await stack.http().get(`/projects/${id}/attachments/${aid}`).set(village).expect(404);
  });
});
