import { AlignmentType, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { Workbook, type Worksheet } from 'exceljs';
import { guardFormula, type ExportFile } from '../monitor/monitor-export';
import { shanghaiDateTime } from '../../../../libs/domain/src/calendar';
import { groupYuan } from '../../../../libs/domain/src/money';
import type { MonthlyBatchRow, MonthlyProjectRow, MonthlyReport } from './monthly.report';

const FONT = 'SimSun';
/** Behind pace in amber, far behind in red, as the console shows them. */
const PACE_COLOURS: Record<string, string | undefined> = { behind: 'B26A00', far_behind: 'C00000' };
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const title = (r: MonthlyReport) => `${r.countyName}${r.year}年${Number(r.month.slice(5))}月衔接资金支出情况报表`;

type Cell = string | number | null;
interface Layout<T> {
  headers: string[];
  /** Which cells are money (written to Excel as numbers) and which a rate. */
  kinds: Array<'text' | 'money' | 'rate'>;
  cells: (row: T) => Cell[];
}

const spending = (r: MonthlyBatchRow | MonthlyProjectRow): Cell[] => [r.matched, r.paidThisMonth, r.paidToDate, r.executionRate, r.paceLabel];

const BATCHES: Layout<MonthlyBatchRow> = {
  headers: ['文号', '批次名称', '级次', '分配金额（元）', '到位资金（元）', '到账日期', '已匹配（元）', '本月支出（元）', '累计支出（元）', '执行率', '序时进度'],
  kinds: ['text', 'text', 'text', 'money', 'money', 'text', 'money', 'money', 'money', 'rate', 'text'],
  cells: (b) => [b.docNumber, b.title, b.levelLabel, b.allocated, b.received, b.receivedDate, ...spending(b)],
};

const PROJECTS: Layout<MonthlyProjectRow> = {
  headers: ['项目名称', '项目类型', '实施地点', '已匹配（元）', '本月支出（元）', '累计支出（元）', '执行率', '序时进度'],
  kinds: ['text', 'text', 'text', 'money', 'money', 'money', 'rate', 'text'],
  cells: (p) => [p.name, p.typeLabel, p.place, ...spending(p)],
};

/** Font and size come from the document's default style: set per run, they make a 10,000-row table several times slower to pack. */
function docCell(text: string, bold = false, color?: string): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [bold || color ? new TextRun({ text, bold, color }) : new TextRun(text)] })] });
}

function docTable<T extends { pace: string; executionRateText: string }>(layout: Layout<T>, rows: T[]): Table {
  const text = (row: T, v: Cell, i: number) => {
    if (layout.kinds[i] === 'rate') return row.executionRateText;
    if (v === null) return '—';
    // Amounts on paper are grouped as the console shows them; the workbook keeps them as numbers.
    return layout.kinds[i] === 'money' && typeof v === 'string' ? groupYuan(v) : String(v);
  };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: layout.headers.map((h) => docCell(h, true)) }),
      ...rows.map((row) => new TableRow({ children: layout.cells(row).map((v, i) => docCell(text(row, v, i), false, PACE_COLOURS[row.pace])) })),
    ],
  });
}

const para = (text: string, size = 21) => new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text, font: FONT, size })] });
const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun({ text, font: FONT, bold: true, size: 26 })] });

/** The Word report: summary, the batch and project tables (behind-pace rows coloured), how it is computed. */
export async function monthlyDocx(r: MonthlyReport): Promise<Buffer> {
  const t = r.totals;
  const children: Array<Paragraph | Table> = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: title(r), font: FONT, bold: true, size: 32 })] }),
    para(
      `截至${r.month}月末，本年度到位衔接资金${groupYuan(t.received)}元，已匹配到项目${groupYuan(t.matched)}元，本月支出${groupYuan(t.paidThisMonth)}元，累计支出${groupYuan(t.paidToDate)}元，执行率${t.executionRateText}，序时进度${r.expectedPaceText}（${t.paceLabel}）。落后于序时进度的批次${t.batchesBehind}个、项目${t.projectsBehind}个。`,
      24,
    ),
    heading('一、分批次支出情况'),
    docTable(BATCHES, r.batches),
    heading('二、分项目支出情况'),
    docTable(PROJECTS, r.projects),
    heading('三、计算方法'),
    ...r.basis.map((b) => para(b)),
  ];
  const doc = new Document({
    creator: '衔接资金项目审批引擎',
    title: title(r),
    styles: { default: { document: { run: { font: FONT, size: 18 } } } },
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }],
  });
  return Packer.toBuffer(doc);
}

function sheet<T extends { pace: string }>(workbook: Workbook, name: string, layout: Layout<T>, rows: T[]): Worksheet {
  const s = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  s.columns = layout.headers.map((header, i) => ({
    header,
    width: layout.kinds[i] === 'text' ? (i < 2 ? 30 : 12) : 16,
    style: layout.kinds[i] === 'money' ? { numFmt: '#,##0.00' } : layout.kinds[i] === 'rate' ? { numFmt: '0.00%' } : {},
  }));
  s.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = s.addRow(layout.cells(row).map((v, i) => (v === null ? null : layout.kinds[i] === 'text' ? guardFormula(String(v)) : Number(v))));
    const colour = PACE_COLOURS[row.pace];
    if (colour) added.font = { color: { argb: `FF${colour}` } };
  }
  return s;
}

/** The Excel report: 分批次 and 分项目 sheets, each with a total row, and 说明. */
export async function monthlyXlsx(r: MonthlyReport): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = '衔接资金项目审批引擎';
  const t = r.totals;
  const batches = sheet(workbook, '分批次', BATCHES, r.batches);
  batches.addRow(['合计', null, null, null, Number(t.received), null, Number(t.matched), Number(t.paidThisMonth), Number(t.paidToDate), t.executionRate === null ? null : Number(t.executionRate), t.paceLabel]).font = { bold: true };
  sheet(workbook, '分项目', PROJECTS, r.projects);
  const notes = workbook.addWorksheet('说明');
  notes.columns = [{ header: title(r), width: 100 }];
  notes.addRow([`序时进度 ${r.expectedPaceText}；生成时间 ${shanghaiDateTime(new Date(r.generatedAt))}`]);
  for (const b of r.basis) notes.addRow([b]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The report as a file to download, named for the county and month. */
export async function monthlyFile(r: MonthlyReport, format: 'docx' | 'xlsx'): Promise<ExportFile> {
  const ascii = `monthly-spending-${r.countyCode}-${r.month}`;
  return format === 'docx'
    ? { body: await monthlyDocx(r), contentType: DOCX_TYPE, asciiName: `${ascii}.docx`, name: `${title(r)}.docx` }
    : { body: await monthlyXlsx(r), contentType: XLSX_TYPE, asciiName: `${ascii}.xlsx`, name: `${title(r)}.xlsx` };
}
