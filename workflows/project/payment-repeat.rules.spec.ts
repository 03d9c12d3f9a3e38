import { ApplicationFailure } from '@temporalio/common';
import { DEFAULT_POLICY } from '../../libs/domain/src/policy';
import { application } from '../../libs/temporal/src/testing/project-fixtures';
import type { ProjectCommand } from './project.commands';
import { emptyDetails } from './empty-details';
import { checkPaymentCommand, type RuleContext } from './project.rules';
import type { ProjectDetails } from './project.types';

type PayCommand = Extract<ProjectCommand, { action: 'pay' }>;

const paidBefore: ProjectDetails['payments'][number] = {
  id: 'payment-1',
  kind: 'household',
  amountFen: '100000',
  paidAt: '2024-06-01',
  recordedAt: '2024-06-01T08:00:00.000Z',
  households: 1,
};

function ctx(): RuleContext {
  const details: ProjectDetails = { ...emptyDetails(), payments: [paidBefore], householdsPaid: ['H-1|庭院经济奖补|2024'] };
  return { stage: 'implementation', application: application(), details, policy: DEFAULT_POLICY, now: Date.parse('2024-07-01T00:00:00Z') };
}

const pay = (id: string): PayCommand => ({
  action: 'pay',
  payment: {
    id,
    kind: 'household',
    amountFen: '50000',
    paidAt: '2024-07-01',
    households: [{ householdId: 'H-2', name: '李四', account: '6228', item: '庭院经济奖补', amountFen: '50000' }],
  },
  matchedFen: '10000000',
});

describe('a payment named by its request', () => {
  it('is refused when its id is already among the payments: the same keyed request twice pays once', () => {
    let refusal: unknown;
    try {
      checkPaymentCommand(pay('payment-1'), ctx());
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ApplicationFailure);
    expect(refusal).toMatchObject({ type: 'WRONG_STAGE', message: '该笔拨付已登记，不能重复拨付' });
  });

  it('goes through under a new id with the same content', () => {
    expect(checkPaymentCommand(pay('payment-2'), ctx())).toMatchObject({ ok: true });
  });
});
