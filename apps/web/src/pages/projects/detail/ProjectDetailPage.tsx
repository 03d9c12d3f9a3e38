import { App as AntApp, Button, Card, Descriptions, Form, Input, Modal, Result, Space, Steps, Table, Tabs, Timeline, Typography, Grid } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { PROJECT_TYPE_LABELS, DEPARTMENTS, type ProjectType, type DepartmentCode } from '../../../../../../libs/domain/src/project-types';
import { actionLabel, isRole, roleLabel, type Stage } from '../../../../../../libs/domain/src/stages';
import { useTaskCount } from '../../../app/task-count';
import { PageLoading } from '../../../components/PageBoundary';
import { StageTag } from '../../../components/StageTag';
import { formatTime, formatYuan } from '../../../components/format';
import { useInFlight } from '../../../components/useInFlight';
import { ApiFailure } from '../../../services/http';
import { reviewProject, submitProject } from '../../../services/project-actions';
import { projectHistory, projectLedger, projectRecord, type HistoryEntry, type Ledger, type ProjectRecord } from '../../../services/project-records';

const STEPS: { title: string; stages: Stage[] }[] = [
  { title: '申报', stages: ['draft', 'returned', 'withdrawn'] },
  { title: '乡镇审核', stages: ['township_review'] },
  { title: '部门审查', stages: ['department_review'] },
  { title: '县级审定', stages: ['county_review'] },
  { title: '公示', stages: ['publicity'] },
  { title: '实施', stages: ['implementation'] },
  { title: '验收', stages: ['acceptance'] },
  { title: '拨付', stages: ['disbursement', 'completed'] },
];

/** Where the project stands on the eight-stage bar; a rejected project stops where it was refused. */
function currentStep(p: ProjectRecord, history: HistoryEntry[]): number {
  const stage = p.stage === 'rejected' ? (history.findLast((h) => h.toStage === 'rejected')?.fromStage ?? 'draft') : p.stage;
  return Math.max(0, STEPS.findIndex((s) => s.stages.includes(stage)));
}

type Decision = 'approve' | 'return' | 'reject';
const DECISION_LABELS: Record<Decision, string> = { approve: '审核通过', return: '退回修改', reject: '不予通过' };

/** 项目详情: the facts, the stage bar, the trail and the ledger, and only the actions the API allows this user now. */
export default function ProjectDetailPage() {
  const { id = '' } = useParams();
  const { message } = AntApp.useApp();
  const { refresh } = useTaskCount();
  const phone = Grid.useBreakpoint().md === false;
  const [project, setProject] = useState<ProjectRecord | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [ledger, setLedger] = useState<Ledger | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  const { busy, run } = useInFlight<string>();
  const [form] = Form.useForm<{ comment?: string; meetingRef?: string }>();

  const load = useCallback(async () => {
    try {
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

  const decide = () =>
    run('review', async () => {
      if (!decision) return;
      const values = await form.validateFields().catch(() => null);
      if (!values) return;
      try {
        await reviewProject(id, { decision, ...(values.comment ? { comment: values.comment } : {}), ...(values.meetingRef ? { meetingRef: values.meetingRef } : {}) });
        message.success(`已${DECISION_LABELS[decision]}`);
        setDecision(null);
        form.resetFields();
        refresh();
        await load();
      } catch (e) {
        const text = e instanceof ApiFailure ? e.message : '操作失败，请稍后重试';
        form.setFields([{ name: /meetingRef|会议/.test(text) ? 'meetingRef' : 'comment', errors: [text] }]);
      }
    });

  const submit = () =>
    run('submit', async () => {
      try {
        await submitProject(id);
        message.success('已提交申报');
        refresh();
        await load();
      } catch (e) {
        message.error(e instanceof ApiFailure ? e.message : '提交失败');
      }
    });

  if (error) return <Result status="warning" title="无法打开这个项目" subTitle={error} extra={<Link to="/projects">返回项目库</Link>} />;
  if (!project) return <PageLoading />;

  const allowed = project.allowedActions;
  const actions = (
    <Space wrap>
      {allowed.includes('edit') && (
        <Link to={`/projects/${id}/edit`}>
          <Button>修改申报</Button>
        </Link>
      )}
      {allowed.includes('submit') && (
        <Button type="primary" onClick={submit} loading={busy === 'submit'} disabled={busy !== null}>
          提交申报
        </Button>
      )}
      {(['reject', 'return', 'approve'] as const)
        .filter((d) => allowed.includes(d))
        .map((d) => (
          <Button key={d} type={d === 'approve' ? 'primary' : 'default'} danger={d === 'reject'} onClick={() => setDecision(d)} disabled={busy !== null}>
            {DECISION_LABELS[d]}
          </Button>
        ))}
    </Space>
  );
  const step = currentStep(project, history);
  const red = project.stage === 'returned' || project.stage === 'rejected';
  const hits = project.process.negativeList?.hits ?? [];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap' }}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {project.name} <StageTag stage={project.stage} />
            </Typography.Title>
            <Typography.Text type="secondary">
              项目编号 {project.id} · {project.place} · 总投资 {formatYuan(project.totalBudget)} 元 · 创建于 {formatTime(project.createdAt)}
            </Typography.Text>
          </div>
          {!phone && actions}
        </div>
      </Card>
      <Card>
        <Steps
          orientation={phone ? 'vertical' : 'horizontal'}
          current={step}
          status={red ? 'error' : project.stage === 'completed' ? 'finish' : 'process'}
          items={STEPS.map((s, i) => ({
            title: s.title,
            content: i === step && project.nextActor ? `${project.nextActor.actionLabel}${isRole(project.nextActor.role) ? `（${roleLabel(project.nextActor.role)}）` : ''}${project.dueAt ? ` 截止 ${formatTime(project.dueAt)}` : ''}` : undefined,
          }))}
        />
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'facts',
              label: '申报内容',
              children: (
                <Descriptions column={phone ? 1 : 2} bordered size="small">
                  <Descriptions.Item label="项目类型">{PROJECT_TYPE_LABELS[project.type as ProjectType] ?? project.type}</Descriptions.Item>
                  <Descriptions.Item label="主管部门">{DEPARTMENTS[project.departmentCode as DepartmentCode] ?? project.departmentCode}</Descriptions.Item>
                  <Descriptions.Item label="建设内容" span={2}>{project.content}</Descriptions.Item>
                  <Descriptions.Item label="建设规模">{project.scale ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label="资金来源">{project.fundingSources.map((f) => `${f.source} ${formatYuan(f.amount)} 元`).join('；')}</Descriptions.Item>
                  <Descriptions.Item label="受益情况">
                    脱贫户 {project.beneficiaries.householdsLifted} 户 · 监测户 {project.beneficiaries.householdsMonitored} 户 · {project.beneficiaries.people} 人
                  </Descriptions.Item>
                  <Descriptions.Item label="联农带农">{project.farmerLink}</Descriptions.Item>
                  <Descriptions.Item label="负面清单" span={2}>
                    {hits.length === 0 ? '未命中' : `${hits.map((h) => `${h.category}（“${h.keyword}”）`).join('、')}${project.process.negativeList?.clearedAt ? '，已解除' : '，待主管部门处理'}`}
                  </Descriptions.Item>
                </Descriptions>
              ),
            },
            {
              key: 'history',
              label: '流转记录',
              children: (
                <Timeline
                  items={history.map((h) => ({
                    color: h.toStage === 'returned' || h.toStage === 'rejected' ? 'red' : 'green',
                    content: (
                      <div>
                        <strong>{h.actor}</strong>（{isRole(h.role) ? roleLabel(h.role) : h.role}） {actionLabel(h.action as never) ?? h.action} · {formatTime(h.at)}
                        {h.comment && <div className="return-comment">{h.comment}</div>}
                      </div>
                    ),
                  }))}
                />
              ),
            },
            {
              key: 'ledger',
              label: '资金台账',
              children: (
                <Table
                  rowKey={(r) => `${r.at}-${r.kind}-${r.amount}`}
                  dataSource={ledger?.entries ?? []}
                  pagination={false}
                  size="small"
                  columns={[
                    { title: '时间', dataIndex: 'at', render: formatTime },
                    { title: '类别', dataIndex: 'kind' },
                    { title: '金额（元）', dataIndex: 'amount', align: 'right', render: formatYuan },
                    { title: '文号', dataIndex: 'docNumber' },
                    { title: '说明', dataIndex: 'note' },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
      {phone && <div className="mobile-action-bar">{actions}</div>}
      <Modal
        open={decision !== null}
        title={decision ? DECISION_LABELS[decision] : ''}
        okText="确定"
        cancelText="取消"
        onOk={decide}
        confirmLoading={busy === 'review'}
        onCancel={() => setDecision(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item label="审核意见" name="comment" rules={decision === 'approve' ? [] : [{ required: true, whitespace: true, message: '退回或不予通过须填写审核意见' }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} />
          </Form.Item>
          {project.stage === 'county_review' && decision === 'approve' && (
            <Form.Item label="县政府常务会议纪要文号" name="meetingRef" extra="大额产业项目须填写">
              <Input />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
