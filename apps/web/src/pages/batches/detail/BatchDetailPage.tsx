import { Alert, App as AntApp, Card, Descriptions, Grid, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useUser } from '../../../app/session';
import { PageLoading } from '../../../components/PageBoundary';
import { formatDate, formatYuan, yuanToWan } from '../../../components/format';
import { useAsync } from '../../../components/useAsync';
import { getBatch, type Allocation, type Batch, type FundMatch, type IndustryShare } from '../../../services/funds';
import { LevelTag } from '../shared/batch-meta';
import { AllocationPanel, type AllocationActions } from './AllocationPanel';
import { AllocationPages } from './AllocationPages';
import { AllocationsTable } from './AllocationsTable';
import { MatchDialog } from './MatchDialog';
import { ReceiptDialog } from './ReceiptDialog';
import { UnmatchDialog } from './UnmatchDialog';

type Dialog = { kind: 'receive' | 'match'; allocation: Allocation } | { kind: 'unmatch'; allocation: Allocation; match: FundMatch } | null;

/** Up to this many allocations are drawn in full (a county sees its own); more become a table. */
const PANELS_UP_TO = 3;

function BatchFacts({ batch, phone }: { batch: Batch; phone: boolean }) {
  // Bordered cells leave a phone's label column one character wide.
  return (
    <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered={!phone}>
      <Descriptions.Item label="文号">{batch.docNumber}</Descriptions.Item>
      <Descriptions.Item label="级次">
        <LevelTag level={batch.level} />
      </Descriptions.Item>
      <Descriptions.Item label="年度 · 批次">
        {batch.year} 年第 {batch.batchNo} 批
      </Descriptions.Item>
      <Descriptions.Item label="标题" span={{ xs: 1, md: 2 }}>
        {batch.title}
      </Descriptions.Item>
      <Descriptions.Item label="下达日期">{formatDate(batch.issuedAt)}</Descriptions.Item>
      <Descriptions.Item label="批次总额">
        <span className="money">
          {formatYuan(batch.total)} 元（{yuanToWan(batch.total)} 万元）
        </span>
      </Descriptions.Item>
      <Descriptions.Item label="下达县数">{batch.allocations.length} 个</Descriptions.Item>
    </Descriptions>
  );
}

/** 批次详情 · 资金匹配: the batch, each county's allocation and its matching clock; the county receives and matches its own. */
export default function BatchDetailPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const { message } = AntApp.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const { data, error, loading } = useAsync(() => getBatch(id), [id]);
  const [changed, setChanged] = useState<Batch | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [share, setShare] = useState<IndustryShare | null>(null);
  const batch = changed?.id === id ? changed : data;

  if (error) return <Result status={error.status === 404 ? '404' : 'error'} title={error.status === 404 ? '资金批次不存在或不在您的管辖范围内' : error.message} extra={<Link to="/batches">返回资金批次</Link>} />;
  if (loading && !batch) return <PageLoading />;
  if (!batch) return null;

  const actions: AllocationActions | undefined =
    user.role === 'county'
      ? {
          onReceive: (allocation) => setDialog({ kind: 'receive', allocation }),
          onMatch: (allocation) => setDialog({ kind: 'match', allocation }),
          onUnmatch: (allocation, match) => setDialog({ kind: 'unmatch', allocation, match }),
        }
      : undefined;
  const settle = (next: Batch, text: string, nextShare?: IndustryShare) => {
    setChanged(next);
    setDialog(null);
    if (nextShare) setShare(nextShare);
    message.success(text);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card variant="borderless" styles={{ body: { padding: phone ? 8 : 24 } }}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {batch.title}
        </Typography.Title>
        <BatchFacts batch={batch} phone={phone} />
      </Card>
      {share && (
        <Alert
          type={share.ok ? 'success' : share.reachable ? 'warning' : 'error'}
          showIcon
          closable={{ onClose: () => setShare(null) }}
          title={`${share.year} 年本县${share.levelLabel}产业发展资金占比 ${share.sharePercent ?? '—'}（要求不低于 ${share.requiredPercent}，${share.statusLabel}）`}
          description={
            share.warning ??
            `下达${share.levelLabel}资金 ${formatYuan(share.issued)} 元，其中匹配到产业发展项目 ${formatYuan(share.industryMatched)} 元，尚未匹配 ${formatYuan(share.unmatched)} 元。`
          }
        />
      )}
      {batch.allocations.length <= PANELS_UP_TO ? (
        batch.allocations.map((a) => <AllocationPanel key={a.id} allocation={a} actions={actions} />)
      ) : phone ? (
        <AllocationPages allocations={batch.allocations} actions={actions} />
      ) : (
        <Card variant="borderless" title="各县分配与匹配">
          <AllocationsTable allocations={batch.allocations} actions={actions} />
        </Card>
      )}
      {dialog?.kind === 'receive' && (
        <ReceiptDialog batch={batch} allocation={dialog.allocation} onClose={() => setDialog(null)} onDone={(next) => settle(next, '已确认到账，资金匹配开始计时')} />
      )}
      {dialog?.kind === 'match' && (
        <MatchDialog batch={batch} allocation={dialog.allocation} onClose={() => setDialog(null)} onMatched={(next, s) => settle(next, '资金已匹配到项目', s)} />
      )}
      {dialog?.kind === 'unmatch' && (
        <UnmatchDialog
          batch={batch}
          countyCode={dialog.allocation.countyCode}
          fundMatch={dialog.match}
          onClose={() => setDialog(null)}
          onDone={(next, s) => settle(next, '已撤销匹配', s)}
        />
      )}
    </Space>
  );
}
