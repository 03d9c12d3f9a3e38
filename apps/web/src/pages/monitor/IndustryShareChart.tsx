import { Card, Segmented } from 'antd';
import { useMemo, useState } from 'react';
import type { CountyRow } from '../../services/monitor';
import { EChart, type ChartOption } from './EChart';

type Level = CountyRow['industryShares'][number]['level'];

const LEVELS: Array<{ value: Level; label: string }> = [
  { value: 'all', label: '各级合计' },
  { value: 'central', label: '中央' },
  { value: 'province', label: '省级' },
  { value: 'city', label: '市级' },
  { value: 'county', label: '县级' },
];

/** Met green, short amber, out of reach red: the colours of the county table's tags. */
const STATUS_COLORS: Record<string, string> = { met: '#52c41a', below: '#faad14', unreachable: '#f5222d', no_money: '#bfbfbf' };
const pct = (ratio: string | null) => (ratio === null ? null : Math.round(Number(ratio) * 1000) / 10);

/** Each county's latest year among the rows shown: the share a monitor acts on now. */
function latestPerCounty(rows: CountyRow[]): CountyRow[] {
  const latest = new Map<string, CountyRow>();
  for (const r of rows) if ((latest.get(r.countyCode)?.year ?? -1) < r.year) latest.set(r.countyCode, r);
  return [...latest.values()];
}

function industryOption(rows: CountyRow[], level: Level): ChartOption {
  const latest = latestPerCounty(rows);
  const several = new Set(latest.map((x) => x.year)).size > 1;
  const names = latest.map((r) => `${r.countyName}${several ? ` ${r.year}` : ''}`);
  const views = latest.map((r) => r.industryShares.find((s) => s.level === level));
  return {
    grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v: number | null) => (v === null ? '未下达资金' : `${v}%`) },
    textStyle: { fontFamily: "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif" },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value', name: '%', max: 100 },
    series: [
      {
        name: '产业发展占比',
        type: 'bar',
        data: views.map((v) => ({ value: pct(v?.share ?? null), itemStyle: { color: STATUS_COLORS[v?.status ?? 'no_money'] } })),
        itemStyle: { color: STATUS_COLORS.met },
      },
      {
        name: '最高可达',
        type: 'line',
        symbol: 'triangle',
        symbolSize: 12,
        lineStyle: { opacity: 0 },
        color: '#1677ff',
        data: views.map((v) => pct(v?.maxReachable ?? null)),
      },
      {
        name: '要求',
        type: 'line',
        symbol: 'rect',
        symbolSize: 10,
        lineStyle: { type: 'dashed' },
        color: '#b8352b',
        data: views.map((v) => (v && v.share !== null ? pct(v.required) : null)),
      },
    ],
  };
}

/**
 * 产业发展资金占比 by county for one fund level: money matched to industry out of the money issued, the
 * most each county can still reach, and what it is required to reach; red bars can no longer make it.
 */
export function IndustryShareChart({ rows }: { rows: CountyRow[] }) {
  const [level, setLevel] = useState<Level>('all');
  const option = useMemo(() => industryOption(rows, level), [rows, level]);
  const label = LEVELS.find((l) => l.value === level)?.label ?? '';
  return (
    <Card
      title="产业发展资金占比（占下达资金）"
      size="small"
      className="industry-share-chart"
      extra={<Segmented size="small" value={level} onChange={(v) => setLevel(v as Level)} options={LEVELS} />}
    >
      <EChart option={option} label={`各县${label}资金产业发展占比、最高可达占比与要求`} />
    </Card>
  );
}
