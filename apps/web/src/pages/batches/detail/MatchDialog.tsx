import { Alert, Descriptions, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PROJECT_TYPE_LABELS, type ProjectType } from '../../../../../../libs/domain/src/project-types';
import { fenOrNull, formatYuan } from '../../../components/format';
import { useInFlight } from '../../../components/useInFlight';
import { match, type Allocation, type Batch, type IndustryShare } from '../../../services/funds';
import { ApiFailure } from '../../../services/http';
import type { ProjectSummary } from '../../../services/types';
import { formatYuan as fenToYuan } from '../../../../../../libs/domain/src/money';
import { placeFieldErrors } from '../shared/failure';
import { Earmarks } from './Earmarks';
import { useCountyYear } from './industry-share';
import { shareAfter, type LevelYear } from './share-outlook';
import type { IndustryShareView } from '../../../../../../libs/domain/src/industry-share';
import { useLibraryProjects } from './useLibraryProjects';

interface Values {
  projectId?: string;
  amount?: string;
  purpose?: string;
}

const FIELDS = new Set(['projectId', 'amount', 'purpose']);
const typeLabel = (t: string) => PROJECT_TYPE_LABELS[t as ProjectType] ?? t;

const STATUS_COLORS: Record<string, string> = { met: 'success', below: 'warning', unreachable: 'error', no_money: 'default' };

function ShareLine({ label, view }: { label: string; view: IndustryShareView }) {
  return (
    <span>
      {label} <strong>{view.sharePercent ?? '—'}</strong>（要求不低于 {view.requiredPercent}，最高可达 {view.maxReachablePercent ?? '—'}）{' '}
      <Tag color={STATUS_COLORS[view.status]}>{view.statusLabel}</Tag>
    </span>
  );
}

/**
 * 资金匹配: puts part of a received allocation on a library project of the county, showing what is
 * left to match, the earmarks, and the county's industry share as it would be afterwards.
 */
export function MatchDialog({
  batch,
  allocation,
  onClose,
  onMatched,
}: {
  batch: Batch;
  allocation: Allocation;
  onClose: () => void;
  onMatched: (batch: Batch, share: IndustryShare) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { busy, run } = useInFlight();
  const [refusal, setRefusal] = useState<string | null>(null);
  const projects = useLibraryProjects(allocation.countyCode, true);
  const county = useCountyYear(allocation.countyCode, batch.year, 0);
  const projectId = Form.useWatch('projectId', form);
  const amountFen = fenOrNull(Form.useWatch('amount', form));
  // The chosen project is kept apart from the search results, which change as the user types again.
  const [chosen, setChosen] = useState<ProjectSummary | null>(null);
  const project = chosen?.id === projectId ? chosen : null;
  // The share that matters here is of the batch's own level: money matched from it moves only that one.
  const level = (county?.industryShares.find((s) => s.level === batch.level) ?? null) as LevelYear | null;
  const now = shareAfter(level, null, false);
  const after = project ? shareAfter(level, amountFen, project.type === 'industry') : null;
  const remainingFen = fenOrNull(allocation.unmatched) ?? 0n;
  const leftAfter = amountFen !== null && amountFen <= remainingFen ? fenToYuan(remainingFen - amountFen) : null;

  const submit = (values: Values) =>
    run('match', async () => {
      setRefusal(null);
      try {
        const answer = await match(batch.id, allocation.countyCode, {
          projectId: values.projectId ?? '',
          amount: (values.amount ?? '').trim(),
          ...(values.purpose ? { purpose: values.purpose } : {}),
        });
        onMatched(answer.batch, answer.industryShare);
      } catch (failure) {
        if (!(failure instanceof ApiFailure)) throw failure;
        const rest = placeFieldErrors(form, failure, FIELDS);
        if (failure.fieldProblems.length === 0 || rest.length > 0) setRefusal([failure.message, ...rest].join('；'));
      }
    });

  return (
    <Modal
      open
      title={`资金匹配 · ${allocation.countyName}`}
      okText="确认匹配"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy === 'match'}
      destroyOnHidden
      width={640}
    >
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="本县分配">
          <span className="money">{formatYuan(allocation.amount)} 元</span>
        </Descriptions.Item>
        <Descriptions.Item label="剩余可匹配">
          <Typography.Text strong className="money">
            {formatYuan(allocation.unmatched)} 元
          </Typography.Text>
          {leftAfter !== null && amountFen !== null && amountFen > 0n && (
            <Typography.Text type="secondary">（匹配后剩 {formatYuan(leftAfter)} 元）</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="专项（其中）">
          <Earmarks earmarks={allocation.earmarks} />
        </Descriptions.Item>
        <Descriptions.Item label={`${batch.year} 年${now?.levelLabel ?? ''}产业发展资金占比`}>
          {now ? <ShareLine label="当前" view={now} /> : <Typography.Text type="secondary">—</Typography.Text>}
          {after && (
            <div>
              <ShareLine label="匹配后" view={after} />
            </div>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item label="项目库项目" name="projectId" rules={[{ required: true, message: '请选择要安排资金的项目' }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: projects.search }}
            onChange={(id: string) => setChosen(projects.items.find((p) => p.id === id) ?? null)}
            loading={projects.loading}
            placeholder="输入项目名称搜索本县已入库的项目"
            notFoundContent={projects.loading ? '加载中…' : '本县项目库中没有符合条件的项目'}
            options={projects.items.map((p) => ({ value: p.id, label: `${p.name}（${typeLabel(p.type)}，总投资 ${formatYuan(p.totalBudget)} 元）` }))}
          />
        </Form.Item>
        <Form.Item
          label="匹配金额（元）"
          name="amount"
          rules={[
            { required: true, message: '请填写匹配金额' },
            { pattern: /^\d{1,13}(\.\d{1,2})?$/, message: '金额须为数字，最多两位小数（元）' },
            {
              validator: async (_, v) => {
                const fen = fenOrNull(v);
                if (fen !== null && fen > remainingFen) throw new Error(`不能超过剩余可匹配的 ${formatYuan(allocation.unmatched)} 元`);
                if (fen === 0n) throw new Error('匹配金额须大于 0');
              },
            },
          ]}
        >
          <Input inputMode="decimal" className="money" placeholder={`不超过 ${formatYuan(allocation.unmatched)}`} />
        </Form.Item>
        {allocation.earmarks.length > 0 && (
          <Form.Item label="专项用途" name="purpose" extra="使用专项资金时选择其用途；不选则计入一般资金。">
            <Select allowClear placeholder="一般资金" options={allocation.earmarks.map((e) => ({ value: e.purpose, label: `${e.purpose}（${formatYuan(e.amount)} 元）` }))} />
          </Form.Item>
        )}
      </Form>
      {refusal && <Alert type="error" showIcon title={refusal} />}
    </Modal>
  );
}
