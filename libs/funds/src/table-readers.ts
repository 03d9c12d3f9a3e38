/**
 * Readers that turn an uploaded allocation table (资金分配表) — CSV or XLSX — into rows of cell
 * texts for {@link parseAllocationTable}. Row i of the result is row i+1 of the file (for CSV:
 * record i+1, which is what a spreadsheet shows), blank rows included, so that error row numbers
 * point at the file.
 */
import { Workbook } from 'exceljs';
import type { CellValue } from 'exceljs';

/** Why a file could not be read. */
export type TableReadErrorCode = 'unsupported_file_type' | 'malformed_csv' | 'unknown_encoding' | 'malformed_xlsx';

/** 文件读取错误: the upload is not a table this module can read; the message is Chinese, for the user. */
export class TableReadError extends Error {
  override readonly name: string = 'TableReadError';

  constructor(
    readonly code: TableReadErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** 不支持的文件类型: neither .csv nor .xlsx. */
export class UnsupportedFileTypeError extends TableReadError {
  override readonly name: string = 'UnsupportedFileTypeError';

  constructor(message: string) {
    super('unsupported_file_type', message);
  }
}

// ───────────────────────────── CSV ─────────────────────────────

const startsWith = (buffer: Uint8Array, bytes: number[]): boolean =>
  buffer.length >= bytes.length && bytes.every((b, i) => buffer[i] === b);

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Decodes a text file: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"),
 * else GB18030 (a superset of GBK/GB2312, what Chinese Excel saves CSV as) when the bytes are not
 * valid UTF-8.
 */
export function decodeText(buffer: Uint8Array): string {
  if (startsWith(buffer, [0xef, 0xbb, 0xbf])) return decodeStrict('utf-8', buffer.subarray(3));
  if (startsWith(buffer, [0xff, 0xfe])) return decodeStrict('utf-16le', buffer.subarray(2));
  if (startsWith(buffer, [0xfe, 0xff])) return decodeStrict('utf-16be', buffer.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer);
  } catch {
    return decodeStrict('gb18030', buffer);
  }
}

function decodeStrict(encoding: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new TableReadError('unknown_encoding', '无法识别文件的文字编码：请将 CSV 保存为 UTF-8 或 GBK（GB18030）编码后重新上传');
  }
}

/**
 * The delimiter of a delimited text: tab when at least as many lines (outside quotes) contain a
 * tab as contain a comma, else comma.
 */
function detectDelimiter(text: string): ',' | '\t' {
  let tabLines = 0;
  let commaLines = 0;
  let tab = false;
  let comma = false;
  let quoted = false;
  const endLine = (): void => {
    if (tab) tabLines++;
    if (comma) commaLines++;
    tab = comma = false;
  };
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '\t') tab = true;
    else if (ch === ',') comma = true;
    else if (ch === '\n' || ch === '\r') endLine();
  }
  endLine();
  return tabLines > 0 && tabLines >= commaLines ? '\t' : ',';
}

/**
 * Splits delimited text into records (RFC 4180): fields may be quoted, a quote inside a quoted
 * field is doubled, quoted fields may hold delimiters and line breaks; records end at CRLF, LF or
 * CR; a final line break does not start an empty record. A quote inside an unquoted field is kept
 * as a character.
 */
export function parseDelimited(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let fieldStart = true;
  let recordOpen = false;
  let line = 1;
  const n = text.length;
  const endField = (): void => {
    record.push(field);
    field = '';
    fieldStart = true;
  };
  const endRecord = (): void => {
    endField();
    records.push(record);
    record = [];
    recordOpen = false;
  };
  while (i < n) {
    const ch = text[i];
    if (fieldStart && ch === '"') {
      // Quoted field: up to the closing quote.
      const openedAt = line;
      i++;
      for (;;) {
        if (i >= n) throw new TableReadError('malformed_csv', `CSV 第 ${openedAt} 行开始的引号没有闭合`);
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      fieldStart = false;
      recordOpen = true;
      // Anything after the closing quote up to the delimiter is kept, as spreadsheets do.
      continue;
    }
    if (ch === delimiter) {
      endField();
      recordOpen = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += ch;
    fieldStart = false;
    recordOpen = true;
    i++;
  }
  if (recordOpen || field !== '') endRecord();
  return records;
}

/**
 * Reads a CSV (or tab-separated) file into rows of cell texts. UTF-8 with or without BOM, UTF-16
 * with BOM, or GB18030/GBK; comma or tab delimited (detected); RFC 4180 quoting.
 */
export function readCsv(buffer: Buffer): string[][] {
  if (startsWith(buffer, ZIP_MAGIC)) {
    throw new TableReadError('malformed_csv', '这个文件是 Excel（.xlsx）文件而不是 CSV，请以 .xlsx 扩展名上传');
  }
  const text = decodeText(buffer);
  if (text.includes('\u0000')) {
    throw new TableReadError('malformed_csv', '文件内容不是文本（CSV），请上传 CSV 或 .xlsx 格式的表格');
  }
  return parseDelimited(text, detectDelimiter(text));
}

// ───────────────────────────── XLSX ─────────────────────────────

/**
 * The exact decimal text of a number as Excel holds it: 15 significant digits (Excel's own
 * precision), trailing zeros dropped, never exponent notation. So 563.504288 → "563.504288",
 * 0.1 + 0.2 → "0.3", while 0.1234567 stays "0.1234567" (and the parser refuses 7 decimals).
 */
export function numberToDecimalText(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  return expandExponent(x.toPrecision(15));
}

/** "1.23450000000000e-7" → "0.0000001234500"-ish plain text with trailing zeros trimmed. */
function expandExponent(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([-+]\d+))?$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', exp = '0'] = m;
  let digits = int + frac;
  let point = int.length + Number(exp);
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits = digits + '0'.repeat(point - digits.length);
  }
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(point).replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** The text of one cell value as the parser should see it. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberToDecimalText(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const v = value as unknown as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as Array<{ text?: unknown }>).map((r) => String(r.text ?? '')).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    // The value Excel last calculated; without one, the formula itself (so the error shows it).
    if (v.result !== undefined && v.result !== null && typeof v.result !== 'object') return cellText(v.result as CellValue);
    if (v.result && typeof v.result === 'object' && 'error' in v.result) return String((v.result as { error: unknown }).error);
    return `=${String(v.formula ?? v.sharedFormula ?? '')}`;
  }
  if ('text' in v) return cellText(v.text as CellValue); // hyperlink
  if ('error' in v) return String(v.error);
  return '';
}

/**
 * Reads the first worksheet of an .xlsx file into rows of cell texts (row i = sheet row i+1).
 * Numbers come back as exact decimal text (see {@link numberToDecimalText}), not as displayed by
 * the cell's number format; a merged range reads as its master cell's text with the other cells
 * of the range empty.
 */
export async function readXlsx(buffer: Buffer): Promise<string[][]> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw new TableReadError('malformed_xlsx', '无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式（旧版 .xls 请另存为 .xlsx 或 CSV）');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new TableReadError('malformed_xlsx', 'Excel 文件中没有工作表');
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.findRow(r);
    const cells: string[] = [];
    if (row) {
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.getCell(c);
        const isSlave = cell.isMerged && cell.master.address !== cell.address;
        cells.push(isSlave ? '' : cellText(cell.value));
      }
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    }
    rows.push(cells);
  }
  return rows;
}

// ───────────────────────────── dispatch ─────────────────────────────

export type AllocationFileKind = 'csv' | 'xlsx';

const CSV_TYPES = new Set([
  'text/csv',
  'application/csv',
  'text/comma-separated-values',
  'text/x-csv',
  'text/tab-separated-values',
  'text/plain',
]);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const UNSUPPORTED = '不支持的文件类型：请上传 CSV（.csv）或 Excel（.xlsx）格式的资金分配表';

/**
 * Picks the reader: by the file name's extension (.csv, .xlsx) when it has one, else by the
 * declared MIME type. `application/vnd.ms-excel` (what Windows browsers send for .csv) decides by
 * the content. Throws {@link UnsupportedFileTypeError} for anything else.
 */
export function detectAllocationFileKind(buffer: Uint8Array, filename: string, mimetype: string): AllocationFileKind {
  const ext = /\.([^./\\]+)$/.exec(filename.trim())?.[1]?.toLowerCase();
  if (ext === 'csv') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'xls' || (ext === undefined && startsWith(buffer, OLE_MAGIC))) {
    throw new UnsupportedFileTypeError('不支持旧版 Excel（.xls）文件：请在 Excel 中另存为 .xlsx 或 CSV 后重新上传');
  }
  if (ext !== undefined) throw new UnsupportedFileTypeError(`${UNSUPPORTED}（收到的是 .${ext} 文件）`);
  const mime = mimetype.split(';')[0].trim().toLowerCase();
  if (mime === XLSX_TYPE) return 'xlsx';
  if (CSV_TYPES.has(mime)) return 'csv';
  if (mime === 'application/vnd.ms-excel') return startsWith(buffer, ZIP_MAGIC) ? 'xlsx' : 'csv';
  throw new UnsupportedFileTypeError(UNSUPPORTED);
}

/**
 * Reads an uploaded allocation table into rows of cell texts, choosing CSV or XLSX by extension or
 * MIME type. A file named .csv that is really a zip (an .xlsx renamed) is read as XLSX.
 * Throws {@link UnsupportedFileTypeError} / {@link TableReadError} with a Chinese message.
 */
export async function readAllocationFile(buffer: Buffer, filename: string, mimetype: string): Promise<string[][]> {
  const kind = detectAllocationFileKind(buffer, filename ?? '', mimetype ?? '');
  if (kind === 'xlsx' || startsWith(buffer, ZIP_MAGIC)) return readXlsx(buffer);
  return readCsv(buffer);
}
