import { Workbook } from 'exceljs';
import { contentDisposition, csvField, exportFile, guardFormula, toCsv, type ExportColumn } from './monitor-export';

interface Row {
  name: string;
  amount: string;
  days: number | null;
  rate: string | null;
}

const columns: ExportColumn<Row>[] = [
  { header: '名称', kind: 'text', value: (r) => r.name },
  { header: '金额（元）', kind: 'money', value: (r) => r.amount },
  { header: '剩余天数', kind: 'integer', value: (r) => r.days },
  { header: '执行率', kind: 'rate', value: (r) => r.rate },
];

const rows: Row[] = [
  { name: '蔬菜大棚改造,一期', amount: '1600000.00', days: -3, rate: '0.3606' },
  { name: '=HYPERLINK("x")', amount: '0.01', days: null, rate: null },
  { name: '说"明"\n第二行', amount: '5635042.88', days: 0, rate: '1.0000' },
];

describe('CSV export', () => {
  it('starts with a UTF-8 BOM, heads in Chinese and quotes per RFC 4180', () => {
    const csv = toCsv(columns, rows);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('名称,金额（元）,剩余天数,执行率');
    expect(text).toContain('"蔬菜大棚改造,一期",1600000.00,-3,0.3606\r\n');
    expect(text).toContain(`"'=HYPERLINK(""x"")",0.01,,\r\n`);
    expect(text).toContain('"说""明""\n第二行",5635042.88,0,1.0000\r\n');
  });

  it('guards text cells against formulas but leaves numbers alone', () => {
    expect(guardFormula('=1+1')).toBe("'=1+1");
    expect(guardFormula('+86')).toBe("'+86");
    expect(guardFormula('-x')).toBe("'-x");
    expect(guardFormula('@SUM')).toBe("'@SUM");
    expect(guardFormula('晋农发〔2024〕68号')).toBe('晋农发〔2024〕68号');
    expect(csvField('plain')).toBe('plain');
  });
});

describe('XLSX export', () => {
  it('writes a sheet with Chinese headers and numeric money cells', async () => {
    const file = await exportFile(
      'xlsx',
      { asciiBase: 'test', chineseBase: '测试', sheetName: '测试表', date: '2024-05-01' },
      columns,
      rows,
    );
    expect(file.contentType).toMatch(/spreadsheetml/);
    expect(file.name).toBe('测试-20240501.xlsx');
    const workbook = new Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('测试表')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '名称', '金额（元）', '剩余天数', '执行率']);
    expect(sheet.getCell('A2').value).toBe('蔬菜大棚改造,一期');
    expect(sheet.getCell('B2').value).toBe(1600000);
    expect(sheet.getCell('B2').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('C2').value).toBe(-3);
    expect(sheet.getCell('A3').value).toBe('\'=HYPERLINK("x")');
    expect(sheet.getCell('C3').value).toBeNull();
    expect(sheet.getCell('B4').value).toBe(5635042.88);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII name and the UTF-8 Chinese one', () => {
    expect(contentDisposition({ asciiName: 'monitor-matching-20240501.csv', name: '资金匹配监测-20240501.csv' })).toBe(
      `attachment; filename="monitor-matching-20240501.csv"; filename*=UTF-8''${encodeURIComponent('资金匹配监测-20240501.csv')}`,
    );
  });
});
