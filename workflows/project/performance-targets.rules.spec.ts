import { ApplicationFailure } from '@temporalio/common';
import { DEFAULT_POLICY, type Policy } from '../../libs/domain/src/policy';
import { application, county, village } from '../../libs/temporal/src/testing/project-fixtures';
import type { ProjectCommand } from './project.commands';
import { emptyDetails } from './empty-details';
import { acceptedTargets, checkCommand, type RuleContext } from './project.rules';
import type { ApplicationData, ProjectDetails } from './project.types';

const TABLE: ApplicationData['performanceTargets'] = [
  { category: 'output', subCategory: 'quantity', indicator: '改造蔬菜大棚', comparison: '>=', targetValue: '20', unit: '座' },
  { category: 'satisfaction', subCategory: 'beneficiary', indicator: '受益群众满意度', comparison: '>=', targetValue: '90', unit: '%' },
];

function details(): ProjectDetails {
  return { ...emptyDetails(), progress: [{ percent: 100, note: '完工', reportedAt: '2024-09-30' }], acceptanceRequestedAt: '2024-10-01T00:00:00.000Z' };
}

function ctx(stage: RuleContext['stage'], app: ApplicationData, policy: Policy = DEFAULT_POLICY): RuleContext {
  return { stage, application: app, details: details(), policy, now: Date.now() };
}

function refusal(run: () => unknown): { type: string; message: string; details: unknown } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApplicationFailure);
    const failure = error as ApplicationFailure;
    return { type: failure.type ?? '', message: failure.message, details: failure.details?.[0] };
  }
  throw new Error('expected a refusal');
}

const accept = (result: 'pass' | 'fail', targets?: Array<{ achieved: string; met?: boolean | null }>): Extract<ProjectCommand, { action: 'accept' }> => ({
  action: 'accept',
  result,
  findings: '合格',
  acceptedAt: '2024-10-15',
  assets: [],
  ...(targets ? { targets } : {}),
});

describe('performance targets in the project rules', () => {
  it('refuses a submit missing a category only when the policy asks for all three', () => {
    const required = { ...DEFAULT_POLICY, performanceTargetsRequired: true };
    const app = application({ performanceTargets: TABLE });
    expect(refusal(() => checkCommand(village, { action: 'submit' }, ctx('draft', app, required)))).toEqual({
      type: 'RULE_BROKEN',
      message: '绩效目标表缺少效益指标：提交前须填写产出、效益、满意度指标各至少一项',
      details: { missingCategories: ['benefit'] },
    });
    expect(checkCommand(village, { action: 'submit' }, ctx('draft', app))).toBe('township_review');
  });

  it('lets a submit through under a policy recorded before the requirement existed', () => {
    const { performanceTargetsRequired: _dropped, ...older } = DEFAULT_POLICY;
    expect(checkCommand(village, { action: 'submit' }, ctx('draft', application(), older as Policy))).toBe('township_review');
  });

  it('takes an accept recorded before achieved values existed as it ran: no judgment, no refusal', () => {
    const app = application({ performanceTargets: TABLE });
    expect(acceptedTargets(accept('pass'), app)).toBeNull();
    expect(checkCommand(county, accept('pass'), ctx('acceptance', app))).toBe('disbursement');
  });

  it('requires one achieved value per row on a pass, and judges them', () => {
    const app = application({ performanceTargets: TABLE });
    expect(refusal(() => checkCommand(county, accept('pass', []), ctx('acceptance', app)))).toMatchObject({
      type: 'RULE_BROKEN',
      details: { field: 'targets' },
    });
    expect(refusal(() => checkCommand(county, accept('pass', [{ achieved: '20' }, { achieved: '很满意' }]), ctx('acceptance', app)))).toMatchObject({
      type: 'RULE_BROKEN',
      details: { field: 'targets.1.achieved' },
    });
    expect(acceptedTargets(accept('pass', [{ achieved: '21' }, { achieved: '89.5' }]), app)?.map((r) => r.met)).toEqual([true, false]);
  });

  it('lets a failed inspection record no values', () => {
    const app = application({ performanceTargets: TABLE });
    expect(acceptedTargets(accept('fail', []), app)).toBeNull();
    expect(checkCommand(county, accept('fail', []), ctx('acceptance', app))).toBe('implementation');
  });
});
