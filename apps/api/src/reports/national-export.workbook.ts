import { Workbook } from 'exceljs';
import { shanghaiDate } from '../../../../libs/domain/src/calendar';
import { formatWan, formatYuan } from '../../../../libs/domain/src/money';
import { PROJECT_TYPE_LABELS, type ProjectType } from '../../../../libs/domain/src/project-types';
import { guardFormula, type ExportColumn } from '../monitor/monitor-export';
import { BATCH_LEVEL_LABELS } from '../monitor/monitor-rules';
import type { NationalArrival, NationalPayment, NationalProject, NationalPublicity, NationalRecords } from './national-export.records';

const PAYMENT_KIND_LABELS: Readonly<Record<string, string>> = { progress: '进度款', final: '尾款', retention: '质保金', household: '到户补助' };

/** Money cells are numbers Excel can sum: 元 with 2 decimals, 万元 with 6, both straight from the fen. */
const NUMBER_FORMATS = { text: undefined, money: '#,##0.00', wan: '0.000000', integer: '0', rate: '0.0000' } as const;
type Column<T> = Omit<ExportColumn<T>, 'kind'> & { kind: keyof typeof NUMBER_FORMATS };

const yuan = (fen: bigint) => formatYuan(fen);
const wan = (fen: bigint) => formatWan(fen);
const date = (d: Date | string | null) => (d === null ? null : shanghaiDate(typeof d === 'string' ? new Date(d) : d));

function projectColumns(sources: string[]): Column<NationalProject>[] {
  return [
    { header: '项目编号', kind: 'text', width: 38, value: (p) => p.id },
    { header: '项目名称', kind: 'text', width: 30, value: (p) => p.name },
    { header: '项目类型', kind: 'text', width: 10, value: (p) => PROJECT_TYPE_LABELS[p.type as ProjectType] ?? p.type },
    { header: '实施地点', kind: 'text', width: 20, value: (p) => p.place },
    { header: '总投资（元）', kind: 'money', width: 16, value: (p) => yuan(p.totalBudgetFen) },
    { header: '总投资（万元）', kind: 'wan', width: 16, value: (p) => wan(p.totalBudgetFen) },
    // One column per funding source named in the projects, as the system lists 资金来源 one by one.
    ...sources.map(
      (source): Column<NationalProject> => ({
        header: `${source}（元）`,
        kind: 'money',
        width: 18,
        value: (p) => {
          const rows = p.fundingSources.filter((f) => f.source === source);
          return rows.length ? yuan(rows.reduce((s, f) => s + BigInt(f.amountFen), 0n)) : null;
        },
      }),
    ),
    { header: '带动脱贫户', kind: 'integer', width: 10, value: (p) => p.beneficiaries?.householdsLifted ?? null },
    { header: '带动监测户', kind: 'integer', width: 10, value: (p) => p.beneficiaries?.householdsMonitored ?? null },
    { header: '受益人数', kind: 'integer', width: 10, value: (p) => p.beneficiaries?.people ?? null },
    { header: '入库日期', kind: 'text', width: 12, value: (p) => date(p.libraryAt) },
  ];
}

const PUBLICITY: Column<NationalPublicity>[] = [
  { header: '项目编号', kind: 'text', width: 38, value: (p) => p.projectId },
  { header: '项目名称', kind: 'text', width: 30, value: (p) => p.name },
  { header: '公示开始日期', kind: 'text', width: 14, value: (p) => date(p.startAt) },
  { header: '公示结束日期', kind: 'text', width: 14, value: (p) => date(p.endAt) },
  { header: '收到异议（件）', kind: 'integer', width: 14, value: (p) => p.raised },
  { header: '异议成立（件）', kind: 'integer', width: 14, value: (p) => p.upheld },
  { header: '异议不成立（件）', kind: 'integer', width: 16, value: (p) => p.dismissed },
];

const ARRIVALS: Column<NationalArrival>[] = [
  { header: '文号', kind: 'text', width: 26, value: (a) => a.docNumber },
  { header: '批次名称', kind: 'text', width: 36, value: (a) => a.title },
  { header: '资金级次', kind: 'text', width: 10, value: (a) => BATCH_LEVEL_LABELS[a.level] ?? a.level },
  { header: '到账金额（元）', kind: 'money', width: 16, value: (a) => yuan(a.amountFen) },
  { header: '到账金额（万元）', kind: 'wan', width: 16, value: (a) => wan(a.amountFen) },
  { header: '到账日期', kind: 'text', width: 12, value: (a) => date(a.receivedAt) },
];

const PAYMENTS: Column<NationalPayment>[] = [
  { header: '项目编号', kind: 'text', width: 38, value: (p) => p.projectId },
  { header: '项目名称', kind: 'text', width: 30, value: (p) => p.name },
  { header: '拨付类型', kind: 'text', width: 10, value: (p) => PAYMENT_KIND_LABELS[p.kind] ?? p.kind },
  { header: '拨付金额（元）', kind: 'money', width: 16, value: (p) => yuan(p.amountFen) },
  { header: '拨付金额（万元）', kind: 'wan', width: 16, value: (p) => wan(p.amountFen) },
  { header: '拨付日期', kind: 'text', width: 12, value: (p) => p.paidOn },
];

function addSheet<T>(workbook: Workbook, name: string, columns: Column<T>[], rows: T[]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 14, style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {} }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      columns.map((c) => {
        const v = c.value(row);
        if (v === null || v === undefined) return null;
        return c.kind === 'text' ? guardFormula(String(v)) : Number(v);
      }),
    );
  }
}

/** 全国防返贫监测信息系统 entry sheets: 项目, 公示, 资金到账, 资金拨付, headed as clerks type them. */
export async function nationalWorkbook(records: NationalRecords): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = '衔接资金项目审批引擎';
  const sources = [...new Set(records.projects.flatMap((p) => p.fundingSources.map((f) => f.source)))];
  addSheet(workbook, '项目', projectColumns(sources), records.projects);
  addSheet(workbook, '公示', PUBLICITY, records.publicity);
  addSheet(workbook, '资金到账', ARRIVALS, records.arrivals);
  addSheet(workbook, '资金拨付', PAYMENTS, records.payments);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
