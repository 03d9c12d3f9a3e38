/**
 * 附件文件类型 — recognised by their bytes, never by the name or the type a browser claims: a
 * renamed executable must not become a "PDF" in a county's archive.
 */
export const FILE_TYPES = {
  pdf: { label: 'PDF', mime: 'application/pdf', extension: 'pdf' },
  jpeg: { label: 'JPEG 图片', mime: 'image/jpeg', extension: 'jpg' },
  png: { label: 'PNG 图片', mime: 'image/png', extension: 'png' },
  docx: { label: 'Word 文档（docx）', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { label: 'Excel 表格（xlsx）', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  doc: { label: 'Word 97-2003 文档（doc）', mime: 'application/msword', extension: 'doc' },
  xls: { label: 'Excel 97-2003 表格（xls）', mime: 'application/vnd.ms-excel', extension: 'xls' },
  ofd: { label: 'OFD 版式文件', mime: 'application/ofd', extension: 'ofd' },
} as const;

/** 文件类型代码 */
export type FileType = keyof typeof FILE_TYPES;

export const FILE_TYPE_CODES = Object.keys(FILE_TYPES) as FileType[];

export function isFileType(value: unknown): value is FileType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(FILE_TYPES, value);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((b, i) => bytes[at + i] === b);
}

const UTF8 = new TextDecoder('utf-8');

function utf16le(dv: DataView, at: number, length: number): string {
  const units: number[] = [];
  for (let i = 0; i + 1 < length; i += 2) units.push(dv.getUint16(at + i, true));
  return String.fromCharCode(...units);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Readers would take the header anywhere in the first kilobyte, but then an HTML page that merely
 * mentions it would pass: only blank lines (some scanners write them) may come before it.
 */
function isPdf(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  return /^[\r\n\t ]*%PDF-\d\.\d/.test(head);
}

/**
 * The names of a ZIP archive's entries from its central directory, or null when the bytes are not
 * a complete archive (a truncated upload loses the directory at the end).
 */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return null;
  const dv = view(bytes);
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= lowest; i -= 1) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = dv.getUint16(end + 10, true);
  let at = dv.getUint32(end + 16, true);
  const names: string[] = [];
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > bytes.length || dv.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = dv.getUint16(at + 28, true);
    const skip = nameLength + dv.getUint16(at + 30, true) + dv.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return null;
    names.push(UTF8.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + skip;
  }
  return names;
}

function zipType(bytes: Uint8Array): FileType | null {
  const names = zipEntryNames(bytes);
  if (!names) return null;
  const has = (name: string) => names.some((n) => n.toLowerCase() === name.toLowerCase());
  if (has('[Content_Types].xml') && has('word/document.xml')) return 'docx';
  if (has('[Content_Types].xml') && has('xl/workbook.xml')) return 'xlsx';
  if (has('OFD.xml')) return 'ofd';
  return null;
}

const END_OF_CHAIN = 0xfffffffe;
const MAX_DIRECTORY_SECTORS = 4096;

/**
 * The stream names in an OLE compound file's directory (Word 97's "WordDocument", Excel's
 * "Workbook"), following the directory's sector chain through the allocation table.
 */
export function oleStreamNames(bytes: Uint8Array): string[] | null {
  if (!startsWith(bytes, OLE_SIGNATURE) || bytes.length < 512) return null;
  const dv = view(bytes);
  const shift = dv.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const sectorAt = (sid: number) => (sid + 1) * size;
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i += 1) {
    const sid = dv.getUint32(0x4c + i * 4, true);
    if (sid >= 0xfffffffa) break;
    fatSectors.push(sid);
  }
  const next = (sid: number): number => {
    const perSector = size / 4;
    const fat = fatSectors[Math.floor(sid / perSector)];
    if (fat === undefined) return END_OF_CHAIN;
    const at = sectorAt(fat) + (sid % perSector) * 4;
    return at + 4 <= bytes.length ? dv.getUint32(at, true) : END_OF_CHAIN;
  };
  const names: string[] = [];
  let sid = dv.getUint32(0x30, true);
  for (let visited = 0; sid < 0xfffffffa && visited < MAX_DIRECTORY_SECTORS; visited += 1) {
    const start = sectorAt(sid);
    if (start + size > bytes.length) return null;
    for (let entry = start; entry < start + size; entry += 128) {
      const nameBytes = Math.min(dv.getUint16(entry + 64, true), 64);
      if (nameBytes >= 2) names.push(utf16le(dv, entry, nameBytes - 2));
    }
    sid = next(sid);
  }
  return names;
}

function oleType(bytes: Uint8Array): FileType | null {
  const names = oleStreamNames(bytes);
  if (!names) return null;
  if (names.includes('WordDocument')) return 'doc';
  if (names.includes('Workbook') || names.includes('Book')) return 'xls';
  return null;
}

/** What the bytes are, or null when they are none of the types an attachment may be. */
export function sniffFileType(bytes: Uint8Array): FileType | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, OLE_SIGNATURE)) return oleType(bytes);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipType(bytes);
  if (isPdf(bytes)) return 'pdf';
  return null;
}
