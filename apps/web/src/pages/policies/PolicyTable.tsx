import { Button, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { formatYuan } from '../../components/format';
import type { Policy, PolicyKey, PolicyView } from '../../services/policies';
import type { Region } from '../../services/types';
import { RequiredAttachmentsText } from './RequiredAttachmentsFields';
import { typesText } from '../../components/attachments/attachment-text';
import { POLICY_LABELS, TASK_DUE_LABELS, durationText, ratioText, shareRuleText } from './policy-fields';
import { DEPARTMENTS } from '../../../../../libs/domain/src/project-types';

const DEPARTMENT_NAMES: Record<string, string> = DEPARTMENTS;


function valueOf(key: PolicyKey, policy: Policy): ReactNode {
  switch (key) {
    case 'publicityPeriod':
    case 'matchingDeadline':
    case 'warrantyPeriod':
      return durationText(policy[key]);
    case 'matchingWarnings':
      return policy.matchingWarnings.length ? (
        <Space size={4} wrap>
          {policy.matchingWarnings.map((w) => (
            <Tag key={w}>到期前 {durationText(w)}</Tag>
          ))}
        </Space>
      ) : (
        '不预警'
      );
    case 'taskDue':
      return (
        <Space size={4} wrap>
          {(Object.keys(TASK_DUE_LABELS) as Array<keyof Policy['taskDue']>).map((role) => (
            <Tag key={role}>
              {TASK_DUE_LABELS[role]} {durationText(policy.taskDue[role])}
            </Tag>
          ))}
        </Space>
      );
    case 'industryShareMin':
    case 'retentionRate':
      return ratioText(policy[key]);
    case 'industryShareMinByLevel':
      return policy.industryShareMinByLevel.length ? (
        <Space size={4} wrap>
          {policy.industryShareMinByLevel.map((r) => (
            <Tag key={`${r.level}-${r.year ?? ''}`}>{shareRuleText(r)}</Tag>
          ))}
        </Space>
      ) : (
        '未分级设置：各级资金均按产业发展资金最低占比'
      );
    case 'meetingRequiredAbove':
      return <span className="money">超过 {formatYuan(policy.meetingRequiredAbove)} 元须经县政府常务会议研究</span>;
    case 'attachmentMaxMb':
      return `单个文件不超过 ${policy.attachmentMaxMb} MB`;
    case 'attachmentTypes':
      return typesText(policy.attachmentTypes);
    case 'requiredAttachments':
      return <RequiredAttachmentsText required={policy.requiredAttachments} />;
    case 'urgeInterval':
      return `同一待办两次催办至少间隔 ${durationText(policy.urgeInterval)}`;
    case 'jointReview':
      return policy.jointReview.length ? (
        <Space size={4} wrap>
          {policy.jointReview.map((r) => (
            <Tag key={r.name}>
              {r.name}：{r.departments.map((d) => DEPARTMENT_NAMES[d] ?? d).join('、')}（{r.rule === 'all' ? '全部同意' : r.rule === 'any' ? '任一同意' : `同意比例 ${r.ratio}`}）
            </Tag>
          ))}
        </Space>
      ) : (
        '不会签：由项目所属部门审查'
      );
    case 'performanceTargetsRequired':
      return policy.performanceTargetsRequired ? '产出、效益、满意度指标各至少一项方可提交' : '不要求';
    case 'negativeList':
      return (
        <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}>
          第 {policy.negativeList.version} 版，{policy.negativeList.entries.length} 类：{policy.negativeList.entries.map((e) => e.category).join('、')}
        </Typography.Paragraph>
      );
  }
}

/** Where a value comes from: this region's own setting, an ancestor's, or the national default. */
export function SourceTag({ source, regionCode, names }: { source: string; regionCode: string; names: Map<string, string> }) {
  if (source === 'default') return <Tag>默认值</Tag>;
  if (source === regionCode) return <Tag color="blue">本级设置</Tag>;
  return <Tag color="purple">继承自{names.get(source) ?? source}</Tag>;
}

interface Row {
  key: PolicyKey;
}

/** 当前生效的政策: each value with its source; an administrator may give up a value set here. */
export function PolicyTable({
  view,
  chain,
  canEdit,
  busy,
  onInherit,
  phone,
}: {
  view: PolicyView;
  chain: Region[];
  canEdit: boolean;
  busy: boolean;
  onInherit: (key: PolicyKey) => void;
  phone: boolean;
}) {
  const names = new Map(chain.map((r) => [r.code, r.name]));
  const source = (key: PolicyKey) => (
    <Space size={4} wrap>
      <SourceTag source={view.sources[key]} regionCode={view.regionCode} names={names} />
      {canEdit && view.sources[key] === view.regionCode && (
        <Popconfirm title={`不再单独设置「${POLICY_LABELS[key]}」，改用上级或默认值？`} okText="恢复继承" cancelText="取消" onConfirm={() => onInherit(key)}>
          <Button type="link" size="small" disabled={busy}>
            恢复继承
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
  const keys = Object.keys(POLICY_LABELS) as PolicyKey[];
  if (phone) {
    // One block per value: a three-column table does not fit a phone without scrolling sideways.
    return (
      <div>
        {keys.map((key) => (
          <div key={key} className={`policy-row-${key}`} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
              <Typography.Text strong>{POLICY_LABELS[key]}</Typography.Text>
              {source(key)}
            </Space>
            <div style={{ marginTop: 4 }}>{valueOf(key, view.policy)}</div>
          </div>
        ))}
      </div>
    );
  }
  const columns: TableColumnsType<Row> = [
    { title: '政策项', dataIndex: 'key', width: 170, render: (k: PolicyKey) => <Typography.Text strong>{POLICY_LABELS[k]}</Typography.Text> },
    { title: '当前值', key: 'value', render: (_: unknown, r) => valueOf(r.key, view.policy) },
    { title: '来源', key: 'source', width: 200, render: (_: unknown, r) => source(r.key) },
  ];
  return (
    <Table<Row>
      rowKey="key"
      columns={columns}
      dataSource={keys.map((key) => ({ key }))}
      pagination={false}
      size="middle"
      scroll={{ x: 640 }}
      rowClassName={(r) => `policy-row-${r.key}`}
    />
  );
}
