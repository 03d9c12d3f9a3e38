import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { parseYuan } from '../../../../../libs/domain/src/money';
import type { CountyRow } from '../../services/monitor';
import { EChart, type ChartOption } from './EChart';
import { IndustryShareChart } from './IndustryShareChart';

interface Totals {
  received: bigint;
  matched: bigint;
  paid: bigint;
}

const ZERO: Totals = { received: 0n, matched: 0n, paid: 0n };
/** Fen to 万元 for an axis; sums stay in integer fen until this last step. */
const wan = (fen: bigint) => Number(fen) / 1_000_000;
const add = (t: Totals, r: CountyRow): Totals => ({
  received: t.received + parseYuan(r.received),
  matched: t.matched + parseYuan(r.matched),
  paid: t.paid + parseYuan(r.paid),
});

function sumBy<K extends string | number>(rows: CountyRow[], key: (r: CountyRow) => K): Map<K, Totals> {
  const out = new Map<K, Totals>();
  for (const r of rows) out.set(key(r), add(out.get(key(r)) ?? ZERO, r));
  return out;
}

// Phone widths leave little room: small type, a legend that scrolls, and names that rotate when many.
const BASE = {
  grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
  legend: { top: 0, type: 'scroll' },
  tooltip: { trigger: 'axis', confine: true },
  textStyle: { fontFamily: "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif" },
};

const COLORS = { received: '#5470c6', matched: '#91cc75', paid: '#fac858', rate: '#b8352b' };

function fundsOption(rows: CountyRow[]): ChartOption {
  const byCounty = sumBy(rows, (r) => r.countyName);
  const names = [...byCounty.keys()];
  const totals = [...byCounty.values()];
  const rate = totals.map((t) => (t.received > 0n ? Math.round((Number(t.paid) / Number(t.received)) * 10_000) / 100 : null));
  return {
    ...BASE,
    color: [COLORS.received, COLORS.matched, COLORS.paid, COLORS.rate],
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 30 : 0 } },
    yAxis: [
      { type: 'value', name: '万元', nameTextStyle: { align: 'left' } },
      { type: 'value', name: '执行率 %', splitLine: { show: false }, nameTextStyle: { align: 'right' } },
    ],
    series: [
      { name: '到位', type: 'bar', data: totals.map((t) => wan(t.received)) },
      { name: '已匹配', type: 'bar', data: totals.map((t) => wan(t.matched)) },
      { name: '已支付', type: 'bar', data: totals.map((t) => wan(t.paid)) },
      { name: '执行率', type: 'line', yAxisIndex: 1, data: rate, connectNulls: false },
    ],
  };
}

function trendOption(rows: CountyRow[]): ChartOption {
  const byYear = [...sumBy(rows, (r) => r.year).entries()].sort(([a], [b]) => a - b);
  return {
    ...BASE,
    color: [COLORS.received, COLORS.matched, COLORS.paid],
    xAxis: { type: 'category', data: byYear.map(([y]) => String(y)), boundaryGap: false },
    yAxis: { type: 'value', name: '万元' },
    series: (['received', 'matched', 'paid'] as const).map((k, i) => ({
      name: ['到位', '已匹配', '已支付'][i],
      type: 'line',
      smooth: true,
      data: byYear.map(([, t]) => wan(t[k])),
    })),
  };
}

/**
 * The county figures as charts: money and execution per county, the industry share against the
 * policy, and the years side by side when the rows span more than one.
 */
export function MonitorCharts({ rows }: { rows: CountyRow[] }) {
  const funds = useMemo(() => fundsOption(rows), [rows]);
  const years = new Set(rows.map((r) => r.year)).size;
  const trend = useMemo(() => trendOption(rows), [rows]);
  if (rows.length === 0) return null;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card title="各县资金到位、匹配与支付" size="small">
          <EChart option={funds} label="各县到位、已匹配、已支付资金（万元）与执行率" />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <IndustryShareChart rows={rows} />
      </Col>
      {years > 1 && (
        <Col xs={24}>
          <Card title="逐年资金走势" size="small">
            <EChart option={trend} height={260} label="逐年到位、已匹配、已支付资金（万元）" />
          </Card>
        </Col>
      )}
    </Row>
  );
}
