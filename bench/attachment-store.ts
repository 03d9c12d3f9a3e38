import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { sniffFileType } from '../libs/domain/src/file-types';
import { DiskFileStore } from '../apps/api/src/attachments/storage/disk-file-store';

/**
 * What keeping an upload costs the API once multer has written it: reading it back, recognising its
 * type from the bytes, hashing it, and keeping it on disk (sync, rename, sync the folder), for a
 * 200 KB scan, a 5 MB and a 20 MB PDF (the default limit) and a Word file; then keeping a file whose
 * content is already stored. Medians of `rounds` runs each, one JSON line.
 *
 *   npx ts-node --transpile-only bench/attachment-store.ts [rounds=15]
 */
async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 15);
  const root = mkdtempSync(join(tmpdir(), 'attachment-store-bench-'));
  const store = new DiskFileStore(root);
  await store.init();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(bytes)]);
  const docx = async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', randomBytes(2_000_000).toString('base64'));
    return zip.generateAsync({ type: 'nodebuffer' });
  };
  const cases: Array<[string, () => Buffer | Promise<Buffer>]> = [
    ['pdf_200kb', () => pdf(200_000)],
    ['pdf_5mb', () => pdf(5_000_000)],
    ['pdf_20mb', () => pdf(20_000_000)],
    ['docx_2.7mb', docx],
  ];
  const figures: Record<string, unknown> = { rounds };
  try {
    for (const [name, make] of cases) {
      const check: number[] = [];
      const keep: number[] = [];
      let size = 0;
      for (let i = 0; i < rounds; i += 1) {
        // Fresh bytes each round, so every keep is a new file.
        const bytes = await make();
        size = bytes.length;
        const path = join(store.incoming, `${name}-${i}`);
        writeFileSync(path, bytes);
        const t0 = performance.now();
        const read = await readFile(path);
        const type = sniffFileType(read);
        const sha = createHash('sha256').update(read).digest('hex');
        const t1 = performance.now();
        await store.keep(path, sha);
        const t2 = performance.now();
        if (!type) throw new Error(`${name}: not recognised`);
        check.push(t1 - t0);
        keep.push(t2 - t1);
      }
      figures[name] = { bytes: size, readSniffHashMs: +median(check).toFixed(2), keepMs: +median(keep).toFixed(2), mbPerS: +(size / 1e6 / ((median(check) + median(keep)) / 1000)).toFixed(0) };
    }
    // The same content again: found by its name, the received copy removed, nothing written.
    const again: number[] = [];
    const bytes = pdf(5_000_000);
    const sha = createHash('sha256').update(bytes).digest('hex');
    for (let i = 0; i < rounds; i += 1) {
      const path = join(store.incoming, `again-${i}`);
      writeFileSync(path, bytes);
      const t0 = performance.now();
      await store.keep(path, sha);
      again.push(performance.now() - t0);
    }
    figures.pdf_5mb_already_stored_keepMs = +median(again.slice(1)).toFixed(2);
    console.log(JSON.stringify(figures));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
