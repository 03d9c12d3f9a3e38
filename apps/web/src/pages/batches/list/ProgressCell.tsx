import { Progress, Space, Typography } from 'antd';
import { yuanToWan } from '../../../components/format';
import type { BatchProgress } from '../../../services/funds';
import { parseYuan } from '../../../../../../libs/domain/src/money';

/** Whole percent of matched over allocated, by integer division of fen so a float never decides it. */
function percentOf(matched: string, allocated: string): number {
  const total = parseYuan(allocated);
  return total === 0n ? 0 : Number((parseYuan(matched) * 100n) / total);
}

/** 到账 counties of those the user sees, and the matched share of their money. */
export function ProgressCell({ progress }: { progress?: BatchProgress }) {
  if (!progress) return <Typography.Text type="secondary">—</Typography.Text>;
  const percent = percentOf(progress.matched, progress.allocated);
  return (
    <Space orientation="vertical" size={0} style={{ width: '100%' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        到账 {progress.received}/{progress.counties} 县 · 已匹配 {yuanToWan(progress.matched)}/{yuanToWan(progress.allocated)} 万元
      </Typography.Text>
      <Progress percent={percent} size="small" status={percent >= 100 ? 'success' : 'normal'} aria-label="匹配进度" />
    </Space>
  );
}
