import * as fs from 'fs';
import * as path from 'path';
import { Workbook } from 'exceljs';
import { parseAllocationTable, AllocationTableSuccess } from './allocation-table';
import {
  TableReadError,
  UnsupportedFileTypeError,
  decodeText,
  detectAllocationFileKind,
  numberToDecimalText,
  parseDelimited,
  readAllocationFile,
  readCsv,
  readXlsx,
} from './table-readers';

const FIXTURE = path.resolve(__dirname, '../../../test/fixtures/shanxi-2023-allocations.csv');
const SEED = path.resolve(__dirname, '../../../../shared/seeds/shanxi-2023-provincial-plan.txt');
const SHANXI = '140000000000';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const fixtureBytes = (): Buffer => fs.readFileSync(FIXTURE);
const fixtureText = (): string => fs.readFileSync(FIXTURE, 'utf8');

function parsedOk(rows: string[][]): AllocationTableSuccess {
  const result = parseAllocationTable(rows, { rootRegionCode: SHANXI });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result;
}

/**
 * A GB18030 encoder for the test, built by inverting Node's GB18030 decoder over the two-byte
 * range (which covers every character of the fixture). Node has no GB18030 encoder of its own.
 */
function gb18030Encoder(): (text: string) => Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if ([...ch].length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return (text) => {
    const bytes: number[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80) bytes.push(cp);
      else {
        const pair = table.get(ch);
        if (!pair) throw new Error(`cannot encode ${ch} in this test encoder`);
        bytes.push(...pair);
      }
    }
    return Buffer.from(bytes);
  };
}

/** The fixture as a workbook built at run time: amounts as numbers, names and labels as text. */
async function fixtureAsXlsx(): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('分配表');
  for (const row of readCsv(fixtureBytes())) {
    sheet.addRow(row.map((cell) => (/^\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell === '' ? null : cell)));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('readCsv', () => {
  it('reads the Shanxi fixture: 118 rows of 4 cells', () => {
    const rows = readCsv(fixtureBytes());
    expect(rows).toHaveLength(118);
    expect(rows.every((r) => r.length === 4)).toBe(true);
    expect(rows[0]).toEqual(['市县名', '金额', '其中：健康乡村示范创建', '备注']);
    expect(rows[16]).toEqual(['盂 县', '2012', '1000', '重点帮扶县']);
  });

  it('reads UTF-8 with a BOM, and CRLF line ends, the same', () => {
    const plain = readCsv(fixtureBytes());
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixtureBytes()]);
    expect(readCsv(bom)).toEqual(plain);
    expect(readCsv(Buffer.from(fixtureText().replace(/\n/g, '\r\n'), 'utf8'))).toEqual(plain);
  });

  it('reads GB18030 (GBK) bytes the same as UTF-8', () => {
    const gb = gb18030Encoder()(fixtureText());
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow(); // really not UTF-8
    const rows = readCsv(gb);
    expect(rows).toEqual(readCsv(fixtureBytes()));
    expect(parseAllocationTable(rows, { rootRegionCode: SHANXI })).toEqual(
      parseAllocationTable(readCsv(fixtureBytes()), { rootRegionCode: SHANXI }),
    );
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text")', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('市县名\t金额\r\n盂 县\t2012\r\n', 'utf16le')]);
    expect(readCsv(le)).toEqual([
      ['市县名', '金额'],
      ['盂 县', '2012'],
    ]);
  });

  it('follows RFC 4180 quoting', () => {
    const text = '"a,b","say ""hi""","line1\nline2"\r\nx,,"z"\r\n,,\n';
    expect(readCsv(Buffer.from(text))).toEqual([
      ['a,b', 'say "hi"', 'line1\nline2'],
      ['x', '', 'z'],
      ['', '', ''],
    ]);
    expect(parseDelimited('a\n\nb', ',')).toEqual([['a'], [''], ['b']]);
    expect(parseDelimited('5"寸,x', ',')).toEqual([['5"寸', 'x']]);
    expect(parseDelimited('', ',')).toEqual([]);
  });

  it('reads tab-separated text, e.g. the seed table pasted from the notice', () => {
    const seed = fs.readFileSync(SEED, 'utf8');
    const attachment = seed.slice(seed.search(/^附件\s*$/m));
    const rows = readCsv(Buffer.from(attachment, 'utf8'));
    expect(rows.find((r) => r[0] === '市县名')).toEqual(['市县名', '金 额', '', '备注']);
    const fromSeed = parsedOk(rows);
    const fromCsv = parsedOk(readCsv(fixtureBytes()));
    const strip = (r: AllocationTableSuccess) => r.allocations.map(({ row: _row, ...rest }) => rest);
    expect(strip(fromSeed)).toEqual(strip(fromCsv));
  });

  it('refuses an unclosed quote and bytes that are no known encoding', () => {
    expect(() => readCsv(Buffer.from('市县名,金额\n"盂 县,2012\n'))).toThrow(TableReadError);
    expect(() => readCsv(Buffer.from('a,"b\n'))).toThrow(/第 1 行开始的引号没有闭合/);
    try {
      decodeText(Uint8Array.of(0x81, 0x20, 0xff));
      throw new Error('expected a failure');
    } catch (e) {
      expect(e).toBeInstanceOf(TableReadError);
      expect((e as TableReadError).code).toBe('unknown_encoding');
    }
  });
});

describe('readXlsx', () => {
  it('reads the Shanxi table built as a workbook into the same rows and allocations as the CSV', async () => {
    const rows = await readXlsx(await fixtureAsXlsx());
    const csvRows = readCsv(fixtureBytes());
    // trailing blank cells are dropped; otherwise the same text
    expect(rows.map((r) => [...r, '', '', '', ''].slice(0, 4))).toEqual(csvRows);
    expect(parseAllocationTable(rows, { rootRegionCode: SHANXI })).toEqual(parseAllocationTable(csvRows, { rootRegionCode: SHANXI }));
    const result = parsedOk(rows);
    expect(result.allocations).toHaveLength(105);
    expect(result.totalFen).toBe(172_220n * 1_000_000n);
  });

  it('turns numbers into exact decimal text, whatever the display format', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.addRow([563.504288, 0.1 + 0.2, 0.1234567, 1e-7, 172220, 12.5, -3, 1e20]);
    sheet.getCell('F1').numFmt = '0'; // displays 13
    const rows = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(rows[0]).toEqual(['563.504288', '0.3', '0.1234567', '0.0000001', '172220', '12.5', '-3', '100000000000000000000']);
  });

  it('reads formulas by their result, rich text, booleans; merged cells read once', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.getCell('A1').value = '2023年计划表';
    sheet.mergeCells('A1:C1');
    sheet.getCell('A3').value = { formula: 'B3+C3', result: 4659 } as never;
    sheet.getCell('B3').value = { richText: [{ text: '太原' }, { text: '市小计' }] } as never;
    sheet.getCell('C3').value = true;
    sheet.getCell('D3').value = { formula: 'X1' } as never;
    const rows = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(rows).toEqual([['2023年计划表'], [], ['4659', '太原市小计', 'TRUE', '=X1']]);
  });

  it('only the first worksheet is read', async () => {
    const workbook = new Workbook();
    workbook.addWorksheet('first').addRow(['市县名', '金额']);
    workbook.addWorksheet('second').addRow(['other']);
    expect(await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()))).toEqual([['市县名', '金额']]);
  });

  it('refuses a file that is not an xlsx', async () => {
    await expect(readXlsx(Buffer.from('not a zip'))).rejects.toMatchObject({ name: 'TableReadError', code: 'malformed_xlsx' });
  });
});

describe('readAllocationFile', () => {
  it('picks the reader by extension, then by MIME type', async () => {
    const csv = fixtureBytes();
    const xlsx = await fixtureAsXlsx();
    const expected = readCsv(csv);
    expect(await readAllocationFile(csv, '分配表.CSV', 'application/octet-stream')).toEqual(expected);
    expect(await readAllocationFile(csv, 'upload', 'text/csv; charset=utf-8')).toEqual(expected);
    expect(await readAllocationFile(csv, 'upload', 'application/vnd.ms-excel')).toEqual(expected);
    const fromXlsx = await readAllocationFile(xlsx, '分配表.xlsx', 'application/octet-stream');
    expect(fromXlsx).toEqual(await readXlsx(xlsx));
    expect(await readAllocationFile(xlsx, 'upload', XLSX_MIME)).toEqual(fromXlsx);
    expect(await readAllocationFile(xlsx, 'upload', 'application/vnd.ms-excel')).toEqual(fromXlsx);
    // an .xlsx renamed to .csv is still read as the workbook it is
    expect(await readAllocationFile(xlsx, '分配表.csv', 'text/csv')).toEqual(fromXlsx);
    expect(detectAllocationFileKind(csv, 'a.b.xlsx', '')).toBe('xlsx');
  });

  it.each([
    ['table.pdf', 'application/pdf', '.pdf'],
    ['table.xls', 'application/vnd.ms-excel', '.xls'],
    ['table.txt', 'text/plain', '.txt'],
    ['upload', 'application/octet-stream', 'CSV'],
  ])('refuses %s with a typed Chinese error', async (filename, mimetype, mention) => {
    const attempt = readAllocationFile(Buffer.from('市县名,金额\n'), filename, mimetype);
    await expect(attempt).rejects.toBeInstanceOf(UnsupportedFileTypeError);
    await expect(attempt).rejects.toMatchObject({ code: 'unsupported_file_type', message: expect.stringContaining(mention) });
    await expect(attempt).rejects.toThrow(/不支持/);
  });

  it('refuses a legacy .xls body sent without a name', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await expect(readAllocationFile(ole, 'upload', 'application/vnd.ms-excel')).rejects.toThrow(UnsupportedFileTypeError);
  });
});

describe('numberToDecimalText', () => {
  it.each([
    [563.504288, '563.504288'],
    [3122.15523, '3122.15523'],
    [0.71877, '0.71877'],
    [0.1 + 0.2, '0.3'],
    [1e-7, '0.0000001'],
    [123456789.123456, '123456789.123456'],
    [0, '0'],
    [-0.5, '-0.5'],
  ])('%p → %s', (x, text) => {
    expect(numberToDecimalText(x)).toBe(text);
  });
});
