import { Alert, App as AntApp, Button, Card, Form, Grid, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { formatYuan, fenOrNull, yuanToWan } from '../../../components/format';
import { useInFlight } from '../../../components/useInFlight';
import { createBatch, type CreateBatchBody } from '../../../services/funds';
import { ApiFailure } from '../../../services/http';
import { formatYuan as fenToYuan } from '../../../../../../libs/domain/src/money';
import { BatchHeaderFields, HEADER_FIELDS, headerOf, type HeaderValues } from '../shared/BatchHeaderFields';
import { placeFieldErrors } from '../shared/failure';
import { AllocationRows } from './AllocationRows';

interface RowValues {
  regionCode?: string;
  amount?: string;
  category?: string;
  earmarks?: { purpose?: string; amount?: string }[];
}

interface Values extends HeaderValues {
  allocations: RowValues[];
}

const FIELDS = new Set([...HEADER_FIELDS, 'allocations']);

function bodyOf(values: Values): CreateBatchBody {
  return {
    ...headerOf(values),
    allocations: values.allocations.map((a) => ({
      regionCode: a.regionCode ?? '',
      amount: (a.amount ?? '').trim(),
      ...(a.category?.trim() ? { category: a.category.trim() } : {}),
      ...(a.earmarks?.length ? { earmarks: a.earmarks.map((e) => ({ purpose: (e.purpose ?? '').trim(), amount: (e.amount ?? '').trim() })) } : {}),
    })),
  };
}

/** The live 合计 in fen; rows still being typed count as nothing yet. */
function totalFen(rows: RowValues[] | undefined): bigint {
  return (rows ?? []).reduce((sum, r) => sum + (fenOrNull(r?.amount) ?? 0n), 0n);
}

/** 新建批次: a notice's heading and its allocation per county, sent as one POST /batches. */
export default function BatchCreatePage() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const { busy, run } = useInFlight();
  const [problems, setProblems] = useState<{ title: string; lines: string[] } | null>(null);
  const rows = Form.useWatch('allocations', form);
  const total = fenToYuan(totalFen(rows));

  const submit = (values: Values) =>
    run('create', async () => {
      setProblems(null);
      try {
        const batch = await createBatch(bodyOf(values));
        message.success(`已下达 ${batch.docNumber}`);
        navigate(`/batches/${batch.id}`);
      } catch (failure) {
        if (!(failure instanceof ApiFailure)) throw failure;
        const rest = placeFieldErrors(form, failure, FIELDS);
        const rowProblems = Array.isArray(failure.details) ? failure.details.filter((d) => typeof d?.row === 'string').map((d) => `${d.row}：${d.message}`) : [];
        const onFields = failure.code === 'DUPLICATE_DOC_NUMBER' || (failure.fieldProblems.length > 0 && rest.length === 0);
        // What already stands under its field is not repeated below the form.
        if (onFields && rowProblems.length === 0) message.error('请按标红的字段修改后重新提交');
        else setProblems({ title: failure.message, lines: [...rowProblems, ...rest] });
      }
    });

  return (
    <Card variant="borderless" styles={{ body: { padding: phone ? 8 : 24 } }}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ level: 'county', year: new Date().getFullYear(), batchNo: 1, allocations: [{ amount: '', earmarks: [] }] }}
        scrollToFirstError
      >
        <Typography.Title level={5}>批次信息</Typography.Title>
        <BatchHeaderFields />
        <Typography.Title level={5}>分配明细</Typography.Title>
        <AllocationRows />
        {problems && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 16 }}
            title={problems.title}
            description={problems.lines.length > 0 && <ul style={{ margin: 0, paddingInlineStart: 20 }}>{problems.lines.map((l, i) => <li key={i}>{l}</li>)}</ul>}
          />
        )}
        <Space wrap align="center" style={{ marginTop: 16, width: '100%', justifyContent: 'space-between' }}>
          <Statistic title="合计（元）" value={formatYuan(total)} styles={{ content: { fontVariantNumeric: 'tabular-nums' } }} suffix={<Typography.Text type="secondary">（{yuanToWan(total)} 万元）</Typography.Text>} />
          <Space>
            <Button onClick={() => navigate('/batches')}>取消</Button>
            <Button type="primary" htmlType="submit" loading={busy === 'create'}>
              下达批次
            </Button>
          </Space>
        </Space>
      </Form>
    </Card>
  );
}
