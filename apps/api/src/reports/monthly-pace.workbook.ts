import { Workbook } from 'exceljs';
import { guardFormula, type ExportFile } from '../monitor/monitor-export';
import { shanghaiDateTime } from '../../../../libs/domain/src/calendar';
import type { MonthlyPaceReport } from './monthly-pace.report';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Behind pace in amber, far behind in red, as the monthly report colours them. */
const PACE_COLOURS: Record<string, string | undefined> = { behind: 'FFB26A00', far_behind: 'FFC00000' };

const title = (r: MonthlyPaceReport) => `${r.regionName}${r.year}年${Number(r.month.slice(5))}月各县衔接资金支出进度`;
const num = (v: string | null) => (v === null ? null : Number(v));

/** 各县一览 (behind pace first, coloured), 逐月执行率 (one row per county, one column per month), 说明. */
export async function monthlyPaceXlsx(r: MonthlyPaceReport): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = '衔接资金项目审批引擎';
  const list = workbook.addWorksheet('各县一览', { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = [
    { header: '县（市、区）', width: 16 },
    { header: '到位资金（元）', width: 18, style: { numFmt: '#,##0.00' } },
    { header: '已匹配（元）', width: 18, style: { numFmt: '#,##0.00' } },
    { header: '本月支出（元）', width: 18, style: { numFmt: '#,##0.00' } },
    { header: '累计支出（元）', width: 18, style: { numFmt: '#,##0.00' } },
    { header: '执行率', width: 10, style: { numFmt: '0.00%' } },
    { header: '序时进度', width: 10, style: { numFmt: '0.00%' } },
    { header: '落后（百分点）', width: 14 },
    { header: '进度', width: 14 },
  ];
  list.getRow(1).font = { bold: true };
  for (const c of r.counties) {
    const row = list.addRow([
      guardFormula(c.countyName),
      num(c.received),
      num(c.matched),
      num(c.paidThisMonth),
      num(c.paidToDate),
      num(c.executionRate),
      num(r.expectedPace),
      c.gapText === null ? null : Number(c.gapText),
      c.paceLabel,
    ]);
    const colour = PACE_COLOURS[c.pace];
    if (colour) row.font = { color: { argb: colour } };
  }
  const months = r.counties[0]?.series.map((p) => p.month) ?? [];
  const series = workbook.addWorksheet('逐月执行率', { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  series.columns = [{ header: '县（市、区）', width: 16 }, ...months.map((m) => ({ header: m, width: 10, style: { numFmt: '0.00%' } }))];
  series.getRow(1).font = { bold: true };
  series.addRow(['序时进度', ...(r.counties[0]?.series.map((p) => Number(p.expectedPace)) ?? [])]).font = { italic: true };
  for (const c of r.counties) series.addRow([guardFormula(c.countyName), ...c.series.map((p) => num(p.executionRate))]);
  const notes = workbook.addWorksheet('说明');
  notes.columns = [{ header: title(r), width: 100 }];
  notes.addRow([`序时进度 ${r.expectedPaceText}；落后于序时进度的县 ${r.countiesBehind} 个；生成时间 ${shanghaiDateTime(new Date(r.generatedAt))}`]);
  for (const b of r.basis) notes.addRow([b]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function monthlyPaceFile(r: MonthlyPaceReport): Promise<ExportFile> {
  return { body: await monthlyPaceXlsx(r), contentType: XLSX_TYPE, asciiName: `monthly-pace-${r.regionCode}-${r.month}.xlsx`, name: `${title(r)}.xlsx` };
}
