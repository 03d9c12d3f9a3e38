import JSZip from 'jszip';
import { oleStreamNames, sniffFileType, zipEntryNames } from './file-types';

async function zipOf(names: string[]): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const name of names) zip.file(name, `<x>${name}</x>`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** A compound file of 512-byte sectors: sector 0 the allocation table, the directory from sector 1 on. */
function oleOf(streams: string[]): Uint8Array {
  const entries = ['Root Entry', ...streams];
  const directorySectors = Math.ceil(entries.length / 4);
  const bytes = new Uint8Array(512 * (2 + directorySectors));
  const dv = new DataView(bytes.buffer);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  dv.setUint16(0x1e, 9, true);
  dv.setUint32(0x30, 1, true);
  for (let i = 0; i < 109; i += 1) dv.setUint32(0x4c + i * 4, 0xffffffff, true);
  dv.setUint32(0x4c, 0, true);
  const fat = 512;
  for (let i = 0; i < 128; i += 1) dv.setUint32(fat + i * 4, 0xffffffff, true);
  dv.setUint32(fat, 0xfffffffd, true);
  for (let s = 1; s <= directorySectors; s += 1) dv.setUint32(fat + s * 4, s === directorySectors ? 0xfffffffe : s + 1, true);
  entries.forEach((name, i) => {
    const at = 1024 + i * 128;
    for (let c = 0; c < name.length; c += 1) dv.setUint16(at + c * 2, name.charCodeAt(c), true);
    dv.setUint16(at + 64, (name.length + 1) * 2, true);
  });
  return bytes;
}

const ascii = (text: string) => new TextEncoder().encode(text);

describe('sniffFileType', () => {
  it('knows images and PDF by their signatures', () => {
    expect(sniffFileType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('png');
    expect(sniffFileType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
    expect(sniffFileType(ascii('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe('pdf');
    // Some scanners write blank lines before the header.
    expect(sniffFileType(ascii('\r\n\r\n%PDF-1.4\n'))).toBe('pdf');
  });

  it('refuses what only claims to be a document', () => {
    expect(sniffFileType(ascii('MZ\x90\x00 this program cannot be run in DOS mode'))).toBeNull();
    expect(sniffFileType(ascii('<html><body>%PDF</body></html>'))).toBeNull();
    expect(sniffFileType(ascii('<html><body>%PDF-1.4</body></html>'))).toBeNull();
    expect(sniffFileType(new Uint8Array())).toBeNull();
    expect(sniffFileType(new Uint8Array([0x89, 0x50, 0x4e]))).toBeNull();
  });

  it('tells Word and Excel files from other ZIP archives by their entries', async () => {
    expect(sniffFileType(await zipOf(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']))).toBe('docx');
    expect(sniffFileType(await zipOf(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']))).toBe('xlsx');
    expect(sniffFileType(await zipOf(['OFD.xml', 'Doc_0/Document.xml']))).toBe('ofd');
    expect(sniffFileType(await zipOf(['payload.exe', 'readme.txt']))).toBeNull();
  });

  it('refuses a ZIP cut short, whose directory is lost', async () => {
    const docx = await zipOf(['[Content_Types].xml', 'word/document.xml']);
    expect(zipEntryNames(docx)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
    expect(sniffFileType(docx.subarray(0, docx.length - 30))).toBeNull();
  });

  it('tells Word 97 from Excel 97 by the streams of the compound file', () => {
    expect(sniffFileType(oleOf(['WordDocument', '1Table', '\u0005SummaryInformation']))).toBe('doc');
    expect(sniffFileType(oleOf(['Workbook', '\u0005SummaryInformation']))).toBe('xls');
    // A directory longer than one sector is followed through the allocation table.
    expect(oleStreamNames(oleOf(['a', 'b', 'c', 'd', 'e', 'Workbook']))).toContain('Workbook');
    expect(sniffFileType(oleOf(['a', 'b', 'c', 'd', 'e', 'Workbook']))).toBe('xls');
    expect(sniffFileType(oleOf(['PowerPoint Document']))).toBeNull();
    expect(sniffFileType(oleOf(['WordDocument']).subarray(0, 700))).toBeNull();
  });
});
