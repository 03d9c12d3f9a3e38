import { Card, Grid, Result, Space, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTaskCount } from '../../../app/task-count';
import { PageLoading } from '../../../components/PageBoundary';
import { StageTag } from '../../../components/StageTag';
import { formatTime, formatYuan } from '../../../components/format';
import { ApiFailure } from '../../../services/http';
import {
  projectHistory,
  projectLedger,
  projectRecord,
  type HistoryEntry,
  type Ledger,
  type ProjectRecord,
} from '../../../services/project-records';
import { ProjectActions } from './ProjectActions';
import { ApprovalPanel } from './approval/ApprovalPanel';
import { StageBar } from './StageBar';
import { AttachmentsTab } from './tabs/AttachmentsTab';
import { FactsTab } from './tabs/FactsTab';
import { HistoryTab } from './tabs/HistoryTab';
import { LedgerTab } from './tabs/LedgerTab';
import './detail.css';

/** 项目详情: the header, the stage bar, the record in tabs, and only the actions the API allows this user now. */
export default function ProjectDetailPage() {
  const { id = '' } = useParams();
  const { refresh } = useTaskCount();
  const phone = Grid.useBreakpoint().md === false;
  const [project, setProject] = useState<ProjectRecord | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [ledger, setLedger] = useState<Ledger | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      // The ledger is money: a reader the API keeps out of it still sees the rest of the project.
      const [p, h, l] = await Promise.all([projectRecord(id), projectHistory(id), projectLedger(id).catch(() => null)]);
      setProject(p);
      setHistory(h);
      setLedger(l);
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : '项目读取失败');
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  const changed = useCallback(async () => {
    refresh();
    await load();
  }, [load, refresh]);

  if (error) return <Result status="warning" title="无法打开这个项目" subTitle={error} extra={<Link to="/projects">返回项目库</Link>} />;
  if (!project) return <PageLoading />;

  const actions = <ProjectActions project={project} ledger={ledger} phone={phone} onChanged={changed} />;
  return (
    <Space
      orientation="vertical"
      size={16}
      className={`project-detail${phone && project.allowedActions.length > 0 ? ' with-action-bar' : ''}`}
    >
      <Card>
        <div className="project-header">
          <div className="project-title">
            <Typography.Title level={4}>
              {project.name} <StageTag stage={project.stage} />
            </Typography.Title>
            <Typography.Text type="secondary" className="project-meta">
              <span>项目编号 {project.id}</span>
              <span>{project.place}</span>
              <span>总投资 {formatYuan(project.totalBudget)} 元</span>
              <span>创建于 {formatTime(project.createdAt)}</span>
            </Typography.Text>
          </div>
          {!phone && actions}
        </div>
      </Card>
      <Card>
        <StageBar project={project} history={history} vertical={phone} />
      </Card>
      <Card title="办理情况" size="small">
        <ApprovalPanel project={project} onChanged={changed} />
      </Card>
      <Card>
        <Tabs
          items={[
            { key: 'facts', label: '申报内容', children: <FactsTab project={project} phone={phone} /> },
            { key: 'history', label: '流转记录', children: <HistoryTab project={project} history={history} /> },
            { key: 'ledger', label: '资金台账', children: <LedgerTab ledger={ledger} phone={phone} /> },
            {
              key: 'attachments',
              label: '附件',
              children: <AttachmentsTab projectId={project.id} stage={project.stage} attachments={project.attachments} />,
            },
          ]}
        />
      </Card>
      {phone && actions}
    </Space>
  );
}
