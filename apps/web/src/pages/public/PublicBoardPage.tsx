import { Alert, App as AntApp, Button, Card, Descriptions, Empty, Form, Input, Modal, Pagination, Result, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PROJECT_TYPE_LABELS, type ProjectType } from '../../../../../libs/domain/src/project-types';
import { daysUntil, formatDate, formatYuan } from '../../components/format';
import { useAsync } from '../../components/useAsync';
import { ApiFailure } from '../../services/http';
import { publicityNotices, raiseObjection, type ObjectionInput } from '../../services/publicity';
import { DayRootsCard } from './DayRootsCard';
import type { PublicityNotice } from '../../services/types';
import './public-board.css';
import { publicAttachmentUrl } from '../../services/attachments';

function ObjectionDialog({ notice, onClose }: { notice: PublicityNotice; onClose: () => void }) {
  const [form] = Form.useForm<ObjectionInput>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<string | null>(null);

  const submit = async (values: ObjectionInput) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await raiseObjection(notice.id, { name: values.name.trim(), contact: values.contact.trim(), content: values.content.trim() });
      setReceipt(answer.objectionId);
    } catch (failure) {
      if (failure instanceof ApiFailure) {
        form.setFields(failure.fieldProblems.map((p) => ({ name: p.field as keyof ObjectionInput, errors: p.messages })));
        setError(failure.message);
      } else setError('提交失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={`对「${notice.name}」提出异议`} onCancel={onClose} footer={null} destroyOnHidden>
      {receipt ? (
        <Result status="success" title="异议已提交" subTitle={`回执编号 ${receipt}。县级主管部门将在公示期内核实处理，并通过您留下的联系方式答复。`} extra={<Button onClick={onClose}>关闭</Button>} />
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} disabled={busy}>
          <Typography.Paragraph type="secondary">
            公示期至 {formatDate(notice.periodEnd)}。您的联系方式只提供给负责核实的县级部门，不会公开。
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
          <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50, message: '姓名最长 50 字' }]}>
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item label="联系方式" name="contact" rules={[{ required: true, whitespace: true, message: '请填写联系电话或地址' }, { max: 100, message: '联系方式最长 100 字' }]}>
            <Input autoComplete="tel" />
          </Form.Item>
          <Form.Item label="异议内容" name="content" rules={[{ required: true, whitespace: true, message: '请写明异议的事实和理由' }, { max: 2000, message: '异议内容最长 2000 字' }]}>
            <Input.TextArea rows={5} showCount maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            提交异议
          </Button>
        </Form>
      )}
    </Modal>
  );
}

function NoticeCard({ notice, onObject }: { notice: PublicityNotice; onObject: () => void }) {
  const left = daysUntil(notice.periodEnd);
  return (
    <Card
      className="notice-card"
      title={notice.name}
      extra={<Tag color={left <= 2 ? 'orange' : 'purple'}>{left >= 0 ? `公示剩 ${left} 天` : '公示期已满'}</Tag>}
      actions={[
        <Button key="object" type="link" onClick={onObject} disabled={left < 0}>
          提出异议
        </Button>,
      ]}
    >
      <Descriptions column={{ xs: 1, sm: 2 }} size="small">
        <Descriptions.Item label="项目类型">{PROJECT_TYPE_LABELS[notice.type as ProjectType] ?? notice.type}</Descriptions.Item>
        <Descriptions.Item label="实施地点">{notice.place}</Descriptions.Item>
        <Descriptions.Item label="建设内容" span="filled">
          {notice.content}
          {notice.scale ? `（${notice.scale}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="总投资">{formatYuan(notice.totalBudget)} 元</Descriptions.Item>
        <Descriptions.Item label="资金来源">{notice.fundingSources.map((f) => `${f.source} ${formatYuan(f.amount)} 元`).join('；')}</Descriptions.Item>
        <Descriptions.Item label="受益对象">
          脱贫户 {notice.beneficiaries.householdsLifted} 户、监测户 {notice.beneficiaries.householdsMonitored} 户，共 {notice.beneficiaries.people} 人
        </Descriptions.Item>
        <Descriptions.Item label="联农带农">{notice.farmerLink}</Descriptions.Item>
        <Descriptions.Item label="公示期" span="filled">
          {formatDate(notice.periodStart)} 至 {formatDate(notice.periodEnd)}
        </Descriptions.Item>
        {notice.attachments.length > 0 && (
          <Descriptions.Item label="公开附件" span="filled">
            <ul className="public-attachments">
              {notice.attachments.map((a) => (
                <li key={a.id}>
                  <a href={publicAttachmentUrl(notice.id, a.id)} download={a.name}>
                    {a.name}
                  </a>
                  <Typography.Text type="secondary">（{a.kindLabel}）</Typography.Text>
                </li>
              ))}
            </ul>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

/** 公示公告: what is posted now, for everyone, without an account; an objection form per project. */
export default function PublicBoardPage() {
  const [page, setPage] = useState(1);
  const { data, error, loading } = useAsync(() => publicityNotices(page, 10), [page]);
  const [objecting, setObjecting] = useState<PublicityNotice | null>(null);
  return (
    <AntApp>
      <header className="public-header">
        <div className="public-page">
          <Typography.Title level={2} style={{ color: '#fff', margin: 0 }}>
            衔接资金项目公示公告
          </Typography.Title>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.85)' }}>
            巩固拓展脱贫攻坚成果和乡村振兴项目在公示期内接受群众监督。对公示内容有异议的，可在公示期内实名提出。
          </Typography.Text>
        </div>
      </header>
      <main className="public-page">
        {error && <Alert type="error" showIcon title={error.message} />}
        {loading && !data ? (
          <div style={{ textAlign: 'center', padding: 48 }}>
            <Spin />
          </div>
        ) : data && data.items.length === 0 ? (
          <Empty description="目前没有正在公示的项目" style={{ padding: 48 }} />
        ) : (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {data?.items.map((n) => <NoticeCard key={n.id} notice={n} onObject={() => setObjecting(n)} />)}
            {data && data.total > 10 && <Pagination current={page} pageSize={10} total={data.total} onChange={setPage} />}
          </Space>
        )}
        <DayRootsCard />
        <Typography.Paragraph type="secondary" style={{ marginTop: 24 }}>
          工作人员请 <a href="/login">登录</a> 系统办理。
        </Typography.Paragraph>
      </main>
      {objecting && <ObjectionDialog notice={objecting} onClose={() => setObjecting(null)} />}
    </AntApp>
  );
}
