import { Alert, Badge, Card, Grid, Space, Table, Tabs, Tag, Typography, type PaginationProps, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { roleLabel, stageLabel, type Role } from '../../../../../libs/domain/src/stages';
import { useUser } from '../../app/session';
import { useTaskCount } from '../../app/task-count';
import { CardList } from '../../components/CardList';
import { DueTag, dueRowClass } from '../../components/DueTag';
import { formatTime, formatYuan } from '../../components/format';
import { StageTag } from '../../components/StageTag';
import { useAsync } from '../../components/useAsync';
import { listProjects } from '../../services/projects';
import { doneTasks, openTasks } from '../../services/tasks';
import { copiedTasks, type CcTask } from '../../services/approvals';
import type { DoneTask, OpenTask, ProjectSummary } from '../../services/types';

const PAGE_SIZES = ['10', '20', '50', '100'];

function usePaging() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const pagination = (total: number | undefined) => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    showTotal: (n: number) => `共 ${n} 条`,
    onChange: (p: number, s: number) => {
      setPage(s === pageSize ? p : 1);
      setPageSize(s);
    },
  });
  return { page, pageSize, pagination };
}

const money = (yuan: string) => <span className="money">{formatYuan(yuan)}</span>;

/** 催办 and who holds the task, beside what it asks. */
function TaskMarks({ t }: { t: OpenTask }) {
  return (
    <>
      {t.urgedAt && (
        <Tag color="red" title={`${t.urgedBy ?? ''} ${formatTime(t.urgedAt)} 催办`}>
          催办{t.urgeCount > 1 ? ` ×${t.urgeCount}` : ''}
        </Tag>
      )}
      {t.mine === 'owner' && t.delegateName && <Tag color="blue">已委派 {t.delegateName}</Tag>}
      {t.mine === 'owner' && t.assigneeName && !t.delegateName && <Tag>转交我办理</Tag>}
    </>
  );
}

const OPEN_COLUMNS: TableColumnsType<OpenTask> = [
  { title: '项目', dataIndex: 'projectName', render: (name: string, t) => <Link to={`/projects/${t.projectId}`}>{name}</Link> },
  { title: '阶段', dataIndex: 'stage', width: 110, render: (_: unknown, t) => <StageTag stage={t.stage} /> },
  {
    title: '待办事项',
    dataIndex: 'actionLabel',
    width: 220,
    render: (label: string, t) => (
      <Space size={4} wrap>
        {label}
        <TaskMarks t={t} />
      </Space>
    ),
  },
  { title: '镇/村', dataIndex: 'place', ellipsis: true },
  { title: '金额（元）', dataIndex: 'totalBudget', align: 'right', width: 150, render: money },
  { title: '到达时间', dataIndex: 'openedAt', width: 150, render: formatTime },
  { title: '截止', dataIndex: 'dueAt', width: 210, render: (_: unknown, t) => <DueTag dueAt={t.dueAt} overdue={t.overdue} /> },
  { title: '操作', key: 'act', width: 80, fixed: 'right', render: (_: unknown, t) => <Link to={`/projects/${t.projectId}`}>办理</Link> },
];

const DONE_COLUMNS: TableColumnsType<DoneTask> = [
  { title: '项目', dataIndex: 'projectName', render: (name: string, t) => <Link to={`/projects/${t.projectId}`}>{name}</Link> },
  { title: '我的处理', dataIndex: 'actionLabel', width: 130 },
  {
    title: '流转',
    key: 'flow',
    width: 200,
    render: (_: unknown, t) => (t.fromStage && t.fromStage !== t.toStage ? `${stageLabel(t.fromStage)} → ${stageLabel(t.toStage)}` : stageLabel(t.toStage)),
  },
  { title: '我的意见', dataIndex: 'comment', ellipsis: true, render: (c: string | null) => c || <Typography.Text type="secondary">—</Typography.Text> },
  { title: '镇/村', dataIndex: 'place', ellipsis: true },
  { title: '金额（元）', dataIndex: 'totalBudget', align: 'right', width: 150, render: money },
  { title: '处理时间', dataIndex: 'at', width: 150, render: formatTime },
];

function waitingFor(p: ProjectSummary): string {
  if (!p.nextActor) return '已结束';
  const who = p.nextActor.role === 'system' ? '' : `${roleLabel(p.nextActor.role as Role)} · `;
  return `${who}${p.nextActor.actionLabel}`;
}

const MINE_COLUMNS: TableColumnsType<ProjectSummary> = [
  { title: '项目', dataIndex: 'name', render: (name: string, p) => <Link to={`/projects/${p.id}`}>{name}</Link> },
  { title: '阶段', dataIndex: 'stage', width: 110, render: (_: unknown, p) => <StageTag stage={p.stage} /> },
  { title: '等待', key: 'waiting', render: (_: unknown, p) => waitingFor(p) },
  { title: '金额（元）', dataIndex: 'totalBudget', align: 'right', width: 150, render: money },
  { title: '截止', dataIndex: 'dueAt', width: 210, render: (d: string | null) => <DueTag dueAt={d} /> },
  { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: formatTime },
];

/** Phone width: each row a card with what decides the next tap (title, stage, amount, due), paged like the table. */
function TaskCards({ items, loading, pagination }: { items: OpenTask[]; loading: boolean; pagination: PaginationProps }) {
  const navigate = useNavigate();
  return (
    <CardList
      loading={loading}
      items={items}
      empty="暂无待办"
      rowKey={(t) => `${t.projectId}-${t.action}`}
      pagination={{ ...pagination, showSizeChanger: false }}
      render={(t) => (
        <Card size="small" className={`task-card ${dueRowClass(t.dueAt, t.overdue)}`} style={{ marginBottom: 8 }} onClick={() => navigate(`/projects/${t.projectId}`)}>
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Link to={`/projects/${t.projectId}`}>
              <Typography.Text strong>{t.projectName}</Typography.Text>
            </Link>
            <Space wrap>
              <StageTag stage={t.stage} />
              <Tag>{t.actionLabel}</Tag>
              <TaskMarks t={t} />
              <span className="money">{formatYuan(t.totalBudget)} 元</span>
            </Space>
            <Typography.Text type="secondary">{t.place}</Typography.Text>
            <DueTag dueAt={t.dueAt} overdue={t.overdue} />
          </Space>
        </Card>
      )}
    />
  );
}

function OpenTab({ phone }: { phone: boolean }) {
  const { page, pageSize, pagination } = usePaging();
  const { data, error, loading } = useAsync(() => openTasks(page, pageSize), [page, pageSize]);
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (phone) return <TaskCards items={data?.items ?? []} loading={loading} pagination={pagination(data?.total)} />;
  return (
    <Table
      rowKey={(t) => `${t.projectId}-${t.action}`}
      columns={OPEN_COLUMNS}
      dataSource={data?.items}
      loading={loading}
      pagination={pagination(data?.total)}
      rowClassName={(t) => dueRowClass(t.dueAt, t.overdue)}
      locale={{ emptyText: '暂无待办' }}
      scroll={{ x: 1100 }}
    />
  );
}

function DoneTab() {
  const { page, pageSize, pagination } = usePaging();
  const { data, error, loading } = useAsync(() => doneTasks(page, pageSize), [page, pageSize]);
  if (error) return <Alert type="error" showIcon title={error.message} />;
  return (
    <Table
      rowKey={(t) => `${t.projectId}-${t.at}-${t.action}`}
      columns={DONE_COLUMNS}
      dataSource={data?.items}
      loading={loading}
      pagination={pagination(data?.total)}
      locale={{ emptyText: '暂无已办' }}
      scroll={{ x: 1100 }}
    />
  );
}

const CC_COLUMNS: TableColumnsType<CcTask> = [
  { title: '项目', dataIndex: 'projectName', render: (name: string, t) => <Link to={`/projects/${t.projectId}`}>{name}</Link> },
  { title: '阶段', dataIndex: 'stage', width: 110, render: (_: unknown, t) => <StageTag stage={t.stage} /> },
  { title: '抄送人', dataIndex: 'by', width: 160 },
  { title: '说明', dataIndex: 'comment', ellipsis: true, render: (c: string | null) => c || <Typography.Text type="secondary">—</Typography.Text> },
  { title: '金额（元）', dataIndex: 'totalBudget', align: 'right', width: 150, render: money },
  { title: '抄送时间', dataIndex: 'at', width: 150, render: formatTime },
];

function CopiedTab() {
  const { page, pageSize, pagination } = usePaging();
  const { data, error, loading } = useAsync(() => copiedTasks(page, pageSize), [page, pageSize]);
  if (error) return <Alert type="error" showIcon title={error.message} />;
  return (
    <Table
      rowKey={(t) => `${t.projectId}-${t.at}`}
      columns={CC_COLUMNS}
      dataSource={data?.items}
      loading={loading}
      pagination={pagination(data?.total)}
      locale={{ emptyText: '暂无抄送' }}
      scroll={{ x: 900 }}
    />
  );
}

function MineTab() {
  const { page, pageSize, pagination } = usePaging();
  const { data, error, loading } = useAsync(() => listProjects({}, page, pageSize), [page, pageSize]);
  if (error) return <Alert type="error" showIcon title={error.message} />;
  return <Table rowKey="id" columns={MINE_COLUMNS} dataSource={data?.items} loading={loading} pagination={pagination(data?.total)} locale={{ emptyText: '还没有申报项目' }} scroll={{ x: 900 }} />;
}

/** 工作台: 待办 soonest due first (overdue red, due within three days amber), 已办, and for a village 我发起的. */
export default function InboxPage() {
  const user = useUser();
  const phone = Grid.useBreakpoint().md === false;
  const { count } = useTaskCount();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'open';
  const items = [
    { key: 'open', label: <Badge count={count ?? 0} size="small" offset={[10, 0]}>待办</Badge>, children: <OpenTab phone={phone} /> },
    { key: 'done', label: '已办', children: <DoneTab /> },
    { key: 'cc', label: '抄送我的', children: <CopiedTab /> },
    ...(user.role === 'village' ? [{ key: 'mine', label: '我发起的', children: <MineTab /> }] : []),
  ];
  return (
    <Card variant="borderless" styles={{ body: { padding: phone ? 8 : 24 } }}>
      <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key }, { replace: true })} items={items} destroyOnHidden />
    </Card>
  );
}
