import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Form, Grid, Input, List, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PROJECT_TYPES, PROJECT_TYPE_LABELS, type ProjectType } from '../../../../../../libs/domain/src/project-types';
import { STAGES, roleLabel, stageLabel, type Role, type Stage } from '../../../../../../libs/domain/src/stages';
import { useUser } from '../../../app/session';
import { DueTag } from '../../../components/DueTag';
import { formatDate, formatYuan } from '../../../components/format';
import { StageTag } from '../../../components/StageTag';
import { useAsync } from '../../../components/useAsync';
import { ApiFailure } from '../../../services/http';
import { exportProjects, listProjects, type ProjectFilters } from '../../../services/projects';
import type { ProjectSummary } from '../../../services/types';

const typeLabel = (t: string) => PROJECT_TYPE_LABELS[t as ProjectType] ?? t;

const COLUMNS: TableColumnsType<ProjectSummary> = [
  { title: '项目名称', dataIndex: 'name', render: (name: string, p) => <Link to={`/projects/${p.id}`}>{name}</Link> },
  { title: '类型', dataIndex: 'type', width: 100, render: typeLabel },
  { title: '阶段', dataIndex: 'stage', width: 110, render: (s: Stage) => <StageTag stage={s} /> },
  { title: '实施地点', dataIndex: 'place', ellipsis: true },
  { title: '总投资（元）', dataIndex: 'totalBudget', align: 'right', width: 150, render: (y: string) => <span className="money">{formatYuan(y)}</span> },
  {
    title: '当前待办',
    key: 'next',
    width: 200,
    render: (_: unknown, p) => (p.nextActor && p.nextActor.role !== 'system' ? `${roleLabel(p.nextActor.role as Role)} · ${p.nextActor.actionLabel}` : (p.nextActor?.actionLabel ?? '—')),
  },
  { title: '截止', dataIndex: 'dueAt', width: 200, render: (d: string | null) => <DueTag dueAt={d} /> },
  { title: '入库时间', dataIndex: 'libraryAt', width: 110, render: formatDate },
];

function filtersOf(params: URLSearchParams): ProjectFilters {
  const stage = params.get('stage');
  return {
    stage: stage && (STAGES as readonly string[]).includes(stage) ? (stage as Stage) : undefined,
    type: (PROJECT_TYPES as readonly string[]).includes(params.get('type') ?? '') ? (params.get('type') as ProjectType) : undefined,
    q: params.get('q') ?? undefined,
  };
}

/** 项目库: every project of the user's region, filtered as the API filters, paged, exported as XLSX. */
export default function ProjectListPage() {
  const user = useUser();
  const { message } = AntApp.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const [exporting, setExporting] = useState(false);
  const { data, error, loading } = useAsync(() => listProjects(filters, page, pageSize), [params.toString()]);

  const apply = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged);
  };

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await exportProjects(filters);
    } catch (failure) {
      message.error(failure instanceof ApiFailure ? failure.message : '导出失败');
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card variant="borderless" styles={{ body: { padding: phone ? 8 : 24 } }}>
      <Form
        layout={phone ? 'vertical' : 'inline'}
        initialValues={filters}
        onFinish={(v: ProjectFilters) => apply({ stage: v.stage, type: v.type, q: v.q?.trim(), page: undefined })}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item label="阶段" name="stage">
          <Select allowClear placeholder="全部阶段" style={{ minWidth: 140 }} options={STAGES.map((s) => ({ value: s, label: stageLabel(s) }))} />
        </Form.Item>
        <Form.Item label="类型" name="type">
          <Select allowClear placeholder="全部类型" style={{ minWidth: 120 }} options={PROJECT_TYPES.map((t) => ({ value: t, label: PROJECT_TYPE_LABELS[t] }))} />
        </Form.Item>
        <Form.Item label="关键词" name="q">
          <Input allowClear placeholder="名称、地点或内容" maxLength={100} />
        </Form.Item>
        <Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            <Button icon={<DownloadOutlined />} onClick={exportXlsx} loading={exporting}>
              导出 XLSX
            </Button>
            {user.role === 'village' && (
              <Link to="/apply">
                <Button icon={<PlusOutlined />}>新建申报</Button>
              </Link>
            )}
          </Space>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      {phone ? (
        <List
          loading={loading}
          dataSource={data?.items}
          locale={{ emptyText: '没有符合条件的项目' }}
          pagination={{ current: page, pageSize, total: data?.total, onChange: (p) => apply({ page: String(p) }), size: 'small' }}
          renderItem={(p) => (
            <Card size="small" style={{ marginBottom: 8 }}>
              <Space orientation="vertical" size={4}>
                <Link to={`/projects/${p.id}`}>
                  <Typography.Text strong>{p.name}</Typography.Text>
                </Link>
                <Space wrap>
                  <StageTag stage={p.stage} />
                  <span className="money">{formatYuan(p.totalBudget)} 元</span>
                </Space>
                <Typography.Text type="secondary">{p.place}</Typography.Text>
                {p.dueAt && <DueTag dueAt={p.dueAt} />}
              </Space>
            </Card>
          )}
        />
      ) : (
        <Table
          rowKey="id"
          columns={COLUMNS}
          dataSource={data?.items}
          loading={loading}
          locale={{ emptyText: '没有符合条件的项目' }}
          scroll={{ x: 1100 }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total,
            showSizeChanger: true,
            pageSizeOptions: ['10', '20', '50', '100'],
            showTotal: (n) => `共 ${n} 个项目`,
            onChange: (p, s) => apply({ page: String(s === pageSize ? p : 1), pageSize: String(s) }),
          }}
        />
      )}
    </Card>
  );
}
