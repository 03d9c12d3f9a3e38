import { Tag, Typography } from 'antd';
import { daysUntil, formatDate } from '../../../components/format';
import type { Allocation } from '../../../services/funds';

/** The last day that still counts: the API's deadline is the start of the day after it. */
export function lastDayOf(dueAt: string): string {
  return formatDate(new Date(new Date(dueAt).getTime() - 1).toISOString());
}

/**
 * The 15-day matching clock of one allocation: not started before receipt, done once every yuan is
 * matched, otherwise days left — red once overdue, amber within three days.
 */
export function MatchingClock({ allocation }: { allocation: Allocation }) {
  const { dueAt, receivedAt, status } = allocation;
  if (status === 'done') return <Tag color="success">已全部匹配</Tag>;
  if (!receivedAt || !dueAt) return <Typography.Text type="secondary">到账后开始计时</Typography.Text>;
  const days = daysUntil(dueAt);
  const last = lastDayOf(dueAt);
  if (status === 'overdue' || days < 0) return <Tag color="red">已逾期 {Math.max(1, -days)} 天（截止 {last}）</Tag>;
  if (days <= 3) return <Tag color="orange">剩 {days} 天（截止 {last}）</Tag>;
  return <Tag color="green">剩 {days} 天（截止 {last}）</Tag>;
}

/** Row colour of an allocation in the table, as the inbox colours its tasks. */
export function clockRowClass(allocation: Allocation): string {
  if (allocation.status === 'done' || !allocation.dueAt) return '';
  const days = daysUntil(allocation.dueAt);
  if (allocation.status === 'overdue' || days < 0) return 'row-overdue';
  return days <= 3 ? 'row-due-soon' : '';
}

const STATUS_LABELS: Record<string, string> = { allocated: '待到账', received: '匹配中', warned: '即将到期', overdue: '已逾期', done: '已完成' };

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}
