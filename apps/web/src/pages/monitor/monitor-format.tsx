import { Tag } from 'antd';
import type { MatchingRow, MatchingStatus } from '../../services/monitor';

/** The contract's colours: overdue red, due soon amber, on track green, done blue; money not yet received grey. */
const STATUS_COLORS: Record<MatchingStatus, string> = {
  overdue: 'red',
  due_soon: 'orange',
  on_track: 'green',
  not_received: 'default',
  done: 'blue',
};

export const STATUS_OPTIONS: Array<{ value: MatchingStatus; label: string }> = [
  { value: 'overdue', label: '已逾期' },
  { value: 'due_soon', label: '即将到期' },
  { value: 'on_track', label: '正常' },
  { value: 'not_received', label: '未到账' },
  { value: 'done', label: '已完成' },
];

export function MatchingStatusTag({ row }: { row: Pick<MatchingRow, 'status' | 'statusLabel'> }) {
  return <Tag color={STATUS_COLORS[row.status] ?? 'default'}>{row.statusLabel}</Tag>;
}

/** Days as the API counts them (Shanghai calendar days to the last day): what a clerk reads in the row. */
export function daysLeftText(row: Pick<MatchingRow, 'daysLeft' | 'status'>): string {
  if (row.status === 'done') return '已完成';
  if (row.daysLeft === null) return '未开始计时';
  if (row.daysLeft < 0) return `逾期 ${-row.daysLeft} 天`;
  if (row.daysLeft === 0) return row.status === 'overdue' ? '已逾期' : '今日到期';
  return `剩 ${row.daysLeft} 天`;
}

export function rowClassOf(status: MatchingStatus): string {
  if (status === 'overdue') return 'row-overdue';
  return status === 'due_soon' ? 'row-due-soon' : '';
}

/** "0.3606" → "36.06%"; the API truncates rates to 4 places, so two decimals of a percent are exact. */
export function percent(rate: string | null | undefined): string {
  if (rate === null || rate === undefined || rate === '') return '—';
  return `${(Number(rate) * 100).toFixed(2)}%`;
}

/** Yuan string → 万元 as a number, for chart axes only (tables keep the exact strings). */
export function wanNumber(yuan: string): number {
  return Math.round(Number(yuan) / 100) / 100;
}

/** Years a monitor filters by: the batches' years run from the programme's start to next year's plan. */
export function yearOptions(now = new Date()): Array<{ value: number; label: string }> {
  const last = now.getFullYear() + 1;
  return Array.from({ length: last - 2021 + 1 }, (_, i) => last - i).map((y) => ({ value: y, label: `${y} 年` }));
}
