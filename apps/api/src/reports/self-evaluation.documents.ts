import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { Workbook } from 'exceljs';
import { guardFormula, type ExportFile } from '../monitor/monitor-export';
import { groupYuan } from '../../../../libs/domain/src/money';
import type { DayRoot } from '../../../../libs/persistence/src/audit-day-roots';
import type { SelfEvaluationReport } from './self-evaluation.report';

/** The report as served and printed: with the county's latest sealed 存证根 when there is one. */
export type SelfEvaluationWithRoot = SelfEvaluationReport & { auditRoot: DayRoot | null };

const FONT = 'SimSun';
const RED = 'C00000';

function cell(text: string, options: { bold?: boolean; color?: string; width?: number } = {}): TableCell {
  return new TableCell({
    width: options.width ? { size: options.width, type: WidthType.PERCENTAGE } : undefined,
    children: [new Paragraph({ children: [new TextRun({ text, bold: options.bold, color: options.color, font: FONT, size: 21 })] })],
  });
}

function table(headers: string[], rows: Array<Array<{ text: string; color?: string }>>, widths: number[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, { bold: true, width: widths[i] })) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c.text, { color: c.color, width: widths[i] })) })),
    ],
  });
}

const body = (text: string) => new Paragraph({ indent: { firstLine: 420 }, spacing: { line: 360 }, children: [new TextRun({ text, font: FONT, size: 24 })] });
const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun({ text, font: FONT, bold: true, size: 28 })] });

/** The Word report a county sends: its words with the figures, then the figures' tables and how each was computed. */
export async function selfEvaluationDocx(report: SelfEvaluationWithRoot): Promise<Buffer> {
  const numbers = ['一', '二', '三', '四', '五'];
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: `${report.countyName}${report.year}年度衔接推进乡村振兴补助资金绩效自评报告`, font: FONT, bold: true, size: 36 })],
    }),
  ];
  report.sections.forEach((section, i) => {
    children.push(heading(`${numbers[i]}、${section.title}`), body(section.text));
    if (section.figures.length > 0) {
      children.push(table(['指标', '数值', '计算方法'], section.figures.map((f) => [{ text: f.label }, { text: f.text }, { text: f.basis }]), [28, 20, 52]));
    }
  });
  children.push(
    heading('附表一　资金到账与匹配时效'),
    table(
      ['文号', '级次', '金额（元）', '到账日期', '匹配期限', '匹配完成', '用时（天）', '情况'],
      report.matching.map((m) => [
        { text: m.docNumber },
        { text: m.levelLabel },
        { text: groupYuan(m.amount) },
        { text: m.receivedDate },
        { text: m.dueDate ?? '—' },
        { text: m.matchedDate ?? '—' },
        { text: m.daysTaken === null ? '—' : String(m.daysTaken) },
        { text: m.outcomeLabel, color: m.outcome === 'late' || m.outcome === 'overdue' ? RED : undefined },
      ]),
      [14, 8, 19, 12, 12, 12, 11, 12],
    ),
  );
  if (report.claims.length > 0) {
    children.push(
      heading('附表二　填报数与账面数核对'),
      table(
        ['指标', '填报数', '账面数', '差额', '核对'],
        report.claims.map((c) => [
          { text: c.label },
          { text: c.claimed, color: c.ok ? undefined : RED },
          { text: c.actual },
          { text: c.difference ?? c.problem ?? '—' },
          { text: c.ok ? '一致' : '不一致', color: c.ok ? undefined : RED },
        ]),
        [28, 16, 16, 24, 16],
      ),
    );
  }
  if (report.auditRoot) {
    const root = report.auditRoot;
    // The root lets a reader check later that the records behind these figures were not rewritten since.
    children.push(heading('存证'), body(`本报告数据所依据的审计记录和资金台账已按项目逐条链式存证。${root.day} 零时封存的本县存证根（${root.chains} 条存证链、${root.entries} 条记录）为 ${root.rootHash}。`));
  }
  const doc = new Document({ creator: '衔接资金项目审批引擎', title: `${report.countyName}${report.year}年度绩效自评报告`, sections: [{ children }] });
  return Packer.toBuffer(doc);
}

/** The same figures as three worksheets: 指标, 资金匹配时效, 核对. */
export async function selfEvaluationXlsx(report: SelfEvaluationReport): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = '衔接资金项目审批引擎';
  const sheet = (name: string, columns: Array<{ header: string; width: number }>) => {
    const s = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    s.columns = columns;
    s.getRow(1).font = { bold: true };
    return s;
  };
  const figures = sheet('指标', [
    { header: '部分', width: 10 },
    { header: '指标', width: 28 },
    { header: '代码', width: 28 },
    { header: '数值', width: 18 },
    { header: '报告中写作', width: 18 },
    { header: '计算方法', width: 60 },
  ]);
  for (const s of report.sections) {
    for (const f of s.figures) figures.addRow([s.title, f.label, f.key, f.value === null ? null : Number(f.value), f.text, f.basis]);
  }
  const matching = sheet('资金匹配时效', [
    { header: '文号', width: 24 },
    { header: '批次名称', width: 36 },
    { header: '级次', width: 8 },
    { header: '金额（元）', width: 16 },
    { header: '到账日期', width: 12 },
    { header: '匹配期限', width: 12 },
    { header: '匹配完成', width: 12 },
    { header: '用时（天）', width: 10 },
    { header: '情况', width: 12 },
  ]);
  matching.getColumn(4).numFmt = '#,##0.00';
  for (const m of report.matching) {
    matching.addRow([guardFormula(m.docNumber), guardFormula(m.title), m.levelLabel, Number(m.amount), m.receivedDate, m.dueDate, m.matchedDate, m.daysTaken, m.outcomeLabel]);
  }
  const claims = sheet('核对', [
    { header: '指标', width: 28 },
    { header: '填报数', width: 16 },
    { header: '账面数', width: 16 },
    { header: '差额', width: 20 },
    { header: '核对', width: 10 },
    { header: '说明', width: 30 },
  ]);
  for (const c of report.claims) {
    const row = claims.addRow([c.label, guardFormula(c.claimed), c.actual, c.difference, c.ok ? '一致' : '不一致', c.problem]);
    if (!c.ok) row.font = { color: { argb: `FF${RED}` } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The report as a file to download, named for the county and year. */
export async function selfEvaluationFile(report: SelfEvaluationWithRoot, format: 'docx' | 'xlsx'): Promise<ExportFile> {
  const base = `${report.countyName}${report.year}年度绩效自评报告`;
  const ascii = `self-evaluation-${report.countyCode}-${report.year}`;
  return format === 'docx'
    ? {
        body: await selfEvaluationDocx(report),
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        asciiName: `${ascii}.docx`,
        name: `${base}.docx`,
      }
    : {
        body: await selfEvaluationXlsx(report),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        asciiName: `${ascii}.xlsx`,
        name: `${base}.xlsx`,
      };
}
