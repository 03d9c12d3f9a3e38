import { useMemo } from 'react';
import type { MonthlyPace } from '../../services/monthly-pace';
import { EChart, type ChartOption } from '../monitor/EChart';

const percent = (ratio: string | null) => (ratio === null ? null : Number(ratio) * 100);

/**
 * 逐月执行率: each county's cumulative execution rate at every month's end, against the expected
 * line (month ÷ 12) drawn dashed. Counties without money this year draw nothing.
 */
export function PaceChart({ report }: { report: MonthlyPace }) {
  const option = useMemo((): ChartOption => {
    const months = report.counties[0]?.series.map((p) => `${Number(p.month.slice(5))}月`) ?? [];
    const counties = report.counties.filter((c) => c.series.some((p) => p.executionRate !== null));
    return {
      // Drawn at once: a line growing in is a month-by-month record read, not watched.
      animation: false,
      grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', confine: true, valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : `${v.toFixed(1)}%`) },
      textStyle: { fontFamily: "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif" },
      xAxis: { type: 'category', data: months, boundaryGap: false },
      yAxis: { type: 'value', name: '累计执行率 %', min: 0, max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10) },
      series: [
        {
          name: '序时进度',
          type: 'line',
          data: report.counties[0]?.series.map((p) => percent(p.expectedPace)) ?? [],
          lineStyle: { type: 'dashed', color: '#8c8c8c', width: 2 },
          itemStyle: { color: '#8c8c8c' },
          symbol: 'none',
        },
        ...counties.map((c) => ({ name: c.countyName, type: 'line', data: c.series.map((p) => percent(p.executionRate)), connectNulls: false })),
      ],
    };
  }, [report]);
  return <EChart option={option} height={320} label={`${report.regionName}各县逐月累计执行率与序时进度`} />;
}
