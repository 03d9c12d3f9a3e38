import { Alert, Skeleton } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { EChartsType } from 'echarts/core';

/** The option object ECharts takes; kept loose here so each chart states only the parts it uses. */
export type ChartOption = Record<string, unknown>;

/**
 * One chart. ECharts arrives in its own chunk on first use; the chart follows its box's width (a
 * ResizeObserver, not the window: the side menu and the phone drawer change the box without a resize).
 */
export function EChart({ option, height = 300, label }: { option: ChartOption; height?: number; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    import('./echarts-setup').then(
      ({ echarts }) => {
        if (disposed || !box.current) return;
        chart.current = echarts.init(box.current, undefined, { renderer: 'canvas' });
        observer = new ResizeObserver(() => chart.current?.resize());
        observer.observe(box.current);
        setState('ready');
      },
      () => !disposed && setState('failed'),
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (state === 'ready') chart.current?.setOption(option, { notMerge: true });
  }, [state, option]);

  if (state === 'failed') return <Alert type="warning" showIcon title="图表组件加载失败，请刷新页面重试" />;
  return (
    <div style={{ position: 'relative', width: '100%', height }}>
      {state === 'loading' && <Skeleton active paragraph={{ rows: 5 }} style={{ position: 'absolute', inset: 0 }} />}
      <div ref={box} role="img" aria-label={label} className="monitor-chart" style={{ width: '100%', height }} />
    </div>
  );
}
