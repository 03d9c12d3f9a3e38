import { StreamableFile } from '@nestjs/common';
import { Workbook } from 'exceljs';

/** 导出格式 */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * One column of an export. `text` cells are strings (guarded against spreadsheet formulas); `money` is a
 * yuan string such as "1600000.00", written to XLSX as a number with 2 decimals so Excel can sum it;
 * `rate` is a decimal string such as "0.3606"; `integer` is a count or a day number.
 */
export interface ExportColumn<T> {
  header: string;
  kind: 'text' | 'money' | 'rate' | 'integer';
  width?: number;
  value: (row: T) => string | number | null;
}

/** An export file ready to send. */
export interface ExportFile {
  body: Buffer;
  contentType: string;
  /** ASCII file name for old clients, and the Chinese one for `filename*`. */
  asciiName: string;
  name: string;
}

const UTF8_BOM = '\uFEFF';

/**
 * A cell starting with = + - @ (or a tab / carriage return) would be run as a formula by Excel (CSV
 * injection); such text gets a leading apostrophe. Only text columns are guarded, so "-3" days stay numbers.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function cellText<T>(column: ExportColumn<T>, row: T): string {
  const v = column.value(row);
  if (v === null || v === undefined) return '';
  return column.kind === 'text' ? guardFormula(String(v)) : String(v);
}

/**
 * CSV with a UTF-8 byte-order mark (without it Excel reads Chinese as mojibake) and CRLF line ends, as
 * Excel and the national monitoring system's import expect.
 */
export function toCsv<T>(columns: readonly ExportColumn<T>[], rows: readonly T[]): Buffer {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(cellText(c, row))).join(','));
  return Buffer.from(UTF8_BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

const NUMBER_FORMATS: Record<ExportColumn<unknown>['kind'], string | undefined> = {
  text: undefined,
  money: '#,##0.00',
  rate: '0.0000',
  integer: '0',
};

/** One worksheet with a bold, frozen Chinese header row; money and rates are numeric cells. */
export async function toXlsx<T>(sheetName: string, columns: readonly ExportColumn<T>[], rows: readonly T[]): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = '衔接资金项目审批引擎';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width ?? 14,
    style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      columns.map((c) => {
        const v = c.value(row);
        if (v === null || v === undefined) return null;
        if (c.kind === 'text') return guardFormula(String(v));
        return typeof v === 'number' ? v : Number(v);
      }),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `YYYYMMDD` of a Shanghai date string, for file names. */
function compactDate(shanghaiDate: string): string {
  return shanghaiDate.replace(/-/g, '');
}

/** Builds the file of one export in the asked format. */
export async function exportFile<T>(
  format: ExportFormat,
  what: { asciiBase: string; chineseBase: string; sheetName: string; date: string },
  columns: readonly ExportColumn<T>[],
  rows: readonly T[],
): Promise<ExportFile> {
  const stamp = compactDate(what.date);
  if (format === 'csv') {
    return {
      body: toCsv(columns, rows),
      contentType: 'text/csv; charset=utf-8',
      asciiName: `${what.asciiBase}-${stamp}.csv`,
      name: `${what.chineseBase}-${stamp}.csv`,
    };
  }
  return {
    body: await toXlsx(what.sheetName, columns, rows),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    asciiName: `${what.asciiBase}-${stamp}.xlsx`,
    name: `${what.chineseBase}-${stamp}.xlsx`,
  };
}

/** `attachment` with an ASCII fallback name and the UTF-8 one (RFC 6266 / 5987). */
export function contentDisposition(file: Pick<ExportFile, 'asciiName' | 'name'>): string {
  return `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.name)}`;
}

/** The answer that sends an export file, with its type, length and download name. */
export function sendFile(file: ExportFile): StreamableFile {
  return new StreamableFile(file.body, { type: file.contentType, disposition: contentDisposition(file), length: file.body.length });
}
