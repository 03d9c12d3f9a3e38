import { Tag, Typography } from 'antd';
import { daysUntil, formatDate } from './format';

/** How many days are left, red once overdue, amber within three days. */
export function DueTag({ dueAt, overdue }: { dueAt: string | null; overdue?: boolean }) {
  if (!dueAt) return <Typography.Text type="secondary">无时限</Typography.Text>;
  const days = daysUntil(dueAt);
  const late = overdue ?? days < 0;
  if (late) return <Tag color="red">已逾期 {Math.max(1, -days)} 天（{formatDate(dueAt)}）</Tag>;
  if (days <= 3) return <Tag color="orange">剩 {days} 天（{formatDate(dueAt)}）</Tag>;
  return <Tag color="green">剩 {days} 天（{formatDate(dueAt)}）</Tag>;
}

/** The row colour an inbox uses for a due moment. */
export function dueRowClass(dueAt: string | null, overdue?: boolean): string {
  if (!dueAt) return '';
  const days = daysUntil(dueAt);
  if (overdue ?? days < 0) return 'row-overdue';
  return days <= 3 ? 'row-due-soon' : '';
}
