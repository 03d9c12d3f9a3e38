import { Alert, App as AntApp, Button, Card, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useInFlight } from '../../components/useInFlight';
import { reassignTasks, type ReassignResult } from '../../services/approvals';
import { ApiFailure } from '../../services/http';
import { listUsers, type ManagedUser } from '../../services/users';

interface Values {
  fromUserId: string;
  toUserId: string;
  comment: string;
}

/** Searches accounts by name as the administrator types, for the two pickers. */
function UserPicker({ id, value, onChange, placeholder, activeOnly }: { id?: string; value?: string; onChange?: (v: string) => void; placeholder: string; activeOnly: boolean }) {
  const [options, setOptions] = useState<ManagedUser[]>([]);
  const search = async (q: string) => {
    const page = await listUsers({ q: q || undefined, pageSize: 50, ...(activeOnly ? { status: 'active' as const } : {}) }).catch(() => null);
    setOptions(page?.items ?? []);
  };
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
      value={value}
      onChange={onChange}
      onFocus={() => void search('')}
      placeholder={placeholder}
      options={options.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username} · ${u.roleLabel}）` }))}
    />
  );
}

/**
 * 待办改派: when a person leaves or moves, every task they hold (经办 or 委派审阅) goes to a colleague
 * at the same desk, each through its project's workflow; the answer says which went and why not.
 */
export default function ReassignPage() {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, run } = useInFlight<'send'>();
  const [result, setResult] = useState<ReassignResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () =>
    run('send', async () => {
      setProblem(null);
      const values = await form.validateFields().catch(() => null);
      if (!values) return;
      try {
        const answer = await reassignTasks({ fromUserId: values.fromUserId, toUserId: values.toUserId, comment: values.comment.trim() });
        setResult(answer);
        message.success(`已改派 ${answer.reassigned} 项待办${answer.failed ? `，${answer.failed} 项未改派` : ''}`);
      } catch (error) {
        setProblem(error instanceof ApiFailure ? error.message : '改派失败');
      }
    });

  return (
    <Card title="待办改派" variant="borderless">
      <Typography.Paragraph type="secondary">人员离岗或调岗时，把其经办和受委派审阅的全部待办交给同一岗位的同事；每一项都记入项目流转记录。</Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" style={{ maxWidth: 560 }} disabled={busy !== null}>
        <Form.Item label="交出待办的人员" name="fromUserId" rules={[{ required: true, message: '请选择人员' }]}>
          <UserPicker placeholder="输入姓名或用户名搜索" activeOnly={false} />
        </Form.Item>
        <Form.Item label="接收待办的人员" name="toUserId" rules={[{ required: true, message: '请选择人员' }]}>
          <UserPicker placeholder="同一岗位的在岗人员" activeOnly />
        </Form.Item>
        <Form.Item label="改派说明" name="comment" rules={[{ required: true, whitespace: true, message: '请填写改派说明' }, { max: 500, message: '最长 500 字' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Button type="primary" onClick={submit} loading={busy !== null}>
          改派
        </Button>
      </Form>
      {result && (
        <Table
          style={{ marginTop: 24 }}
          rowKey="projectId"
          size="small"
          dataSource={result.items}
          pagination={false}
          locale={{ emptyText: '该人员没有待办' }}
          columns={[
            { title: '项目', dataIndex: 'projectName', render: (name: string | null, i) => <Link to={`/projects/${i.projectId}`}>{name ?? i.projectId}</Link> },
            { title: '结果', dataIndex: 'ok', width: 100, render: (ok: boolean) => (ok ? <Tag color="green">已改派</Tag> : <Tag color="red">未改派</Tag>) },
            { title: '原因', dataIndex: 'error', render: (e: string | null) => e ?? '—' },
          ]}
        />
      )}
    </Card>
  );
}
