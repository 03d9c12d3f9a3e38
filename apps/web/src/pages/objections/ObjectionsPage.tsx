import { Alert, App as AntApp, Button, Card, Empty, Form, Input, List, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTaskCount } from '../../app/task-count';
import { formatDate, formatTime } from '../../components/format';
import { useAsync } from '../../components/useAsync';
import { ApiFailure } from '../../services/http';
import { listProjects } from '../../services/projects';
import { resolveObjection } from '../../services/publicity';
import type { ProjectSummary } from '../../services/types';

/** An objection as the county sees it (with the objector's contact, which the applicant never sees). */
interface Objection {
  id: string;
  name: string;
  contact: string;
  content: string;
  raisedAt: string;
  status: 'open' | 'upheld' | 'dismissed' | 'closed';
  resolvedAt: string | null;
  resolution: string | null;
}

const STATUS: Record<Objection['status'], { label: string; color: string }> = {
  open: { label: '待处理', color: 'red' },
  upheld: { label: '异议成立', color: 'orange' },
  dismissed: { label: '异议不成立', color: 'green' },
  closed: { label: '已关闭', color: 'default' },
};

const objectionsOf = (p: ProjectSummary) => ((p.process as { objections?: Objection[] }).objections ?? []) as Objection[];
const publicityEnd = (p: ProjectSummary) => (p.process as { publicity?: { endAt?: string } }).publicity?.endAt ?? null;

function ResolveDialog({ project, objection, onDone, onCancel }: { project: ProjectSummary; objection: Objection; onDone: () => void; onCancel: () => void }) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async ({ decision, comment }: { decision: 'uphold' | 'dismiss'; comment: string }) => {
    setBusy(true);
    setError(null);
    try {
      await resolveObjection(project.id, objection.id, decision, comment.trim());
      message.success(decision === 'uphold' ? '异议成立：项目已退回修改' : '异议不成立：项目继续公示');
      onDone();
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure.message : '处理失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="处理异议" onCancel={onCancel} footer={null} destroyOnHidden>
      <Typography.Paragraph>
        <Typography.Text strong>{objection.name}</Typography.Text>（{objection.contact}）于 {formatTime(objection.raisedAt)} 提出：
      </Typography.Paragraph>
      <Typography.Paragraph className="objection-content">{objection.content}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item label="处理决定" name="decision" rules={[{ required: true, message: '请选择处理决定' }]}>
          <Radio.Group>
            <Radio value="dismiss">异议不成立（继续公示）</Radio>
            <Radio value="uphold">异议成立（退回修改）</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item label="处理意见" name="comment" rules={[{ required: true, whitespace: true, message: '请填写核实情况和处理意见' }, { max: 2000, message: '最长 2000 字' }]}>
          <Input.TextArea rows={4} showCount maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          确认处理
        </Button>
      </Form>
    </Modal>
  );
}

/** 异议处理: the objections raised against the county's projects under publicity, open ones first. */
export default function ObjectionsPage() {
  const { refresh } = useTaskCount();
  const { data, error, loading, reload } = useAsync(() => listProjects({ stage: 'publicity' }, 1, 200), []);
  const [resolving, setResolving] = useState<{ project: ProjectSummary; objection: Objection } | null>(null);
  const projects = (data?.items ?? []).filter((p) => objectionsOf(p).length > 0);
  projects.sort((a, b) => Number(objectionsOf(b).some((o) => o.status === 'open')) - Number(objectionsOf(a).some((o) => o.status === 'open')));

  return (
    <Card variant="borderless" title="公示期异议">
      {error && <Alert type="error" showIcon title={error.message} />}
      {!loading && projects.length === 0 ? (
        <Empty description="公示中的项目暂无异议" />
      ) : (
        <List
          loading={loading}
          dataSource={projects}
          renderItem={(p) => (
            <Card size="small" style={{ marginBottom: 12 }} title={<Link to={`/projects/${p.id}`}>{p.name}</Link>} extra={<Typography.Text type="secondary">公示至 {formatDate(publicityEnd(p))}</Typography.Text>}>
              <List
                dataSource={objectionsOf(p)}
                renderItem={(o) => (
                  <List.Item
                    actions={
                      o.status === 'open'
                        ? [
                            <Button key="resolve" type="primary" size="small" onClick={() => setResolving({ project: p, objection: o })}>
                              处理
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <List.Item.Meta
                      title={
                        <Space wrap>
                          <Tag color={STATUS[o.status].color}>{STATUS[o.status].label}</Tag>
                          <span>
                            {o.name}（{o.contact}）
                          </span>
                          <Typography.Text type="secondary">{formatTime(o.raisedAt)}</Typography.Text>
                        </Space>
                      }
                      description={
                        <>
                          <div>{o.content}</div>
                          {o.resolution && <div>处理意见：{o.resolution}</div>}
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            </Card>
          )}
        />
      )}
      {resolving && (
        <ResolveDialog
          project={resolving.project}
          objection={resolving.objection}
          onCancel={() => setResolving(null)}
          onDone={() => {
            setResolving(null);
            reload();
            refresh();
          }}
        />
      )}
    </Card>
  );
}
