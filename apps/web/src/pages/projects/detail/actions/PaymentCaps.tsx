import { Descriptions } from 'antd';
import { formatYuan } from '../../../../components/format';
import type { Ledger, ProjectRecord } from '../../../../services/project-records';

/**
 * What the ledger says may still go out: money matched to the project less what was paid, beside
 * the contract and the progress that bound the works payments. The API applies the rules; this
 * shows the figures they are applied to.
 */
export function PaymentCaps({ project, ledger }: { project: ProjectRecord; ledger: Ledger | null }) {
  const contract = project.process.procurement?.contractAmount ?? null;
  const accepted = project.process.acceptances.some((a) => a.result === 'pass');
  return (
    <Descriptions className="payment-caps" column={2} size="small" bordered style={{ marginBottom: 16 }}>
      <Descriptions.Item label="已匹配资金">{ledger ? `${formatYuan(ledger.summary.matched)} 元` : '—'}</Descriptions.Item>
      <Descriptions.Item label="已拨付">{ledger ? `${formatYuan(ledger.summary.paid)} 元` : '—'}</Descriptions.Item>
      <Descriptions.Item label="未拨付的匹配资金">
        <strong data-testid="payment-headroom">{ledger ? `${formatYuan(ledger.summary.unpaid)} 元` : '—'}</strong>
      </Descriptions.Item>
      <Descriptions.Item label={contract ? '合同金额' : '批复总投资'}>{formatYuan(contract ?? project.totalBudget)} 元</Descriptions.Item>
      <Descriptions.Item label="实施进度">{project.process.latestProgress}%</Descriptions.Item>
      <Descriptions.Item label="竣工验收">{accepted ? '已通过' : '未通过'}</Descriptions.Item>
    </Descriptions>
  );
}
