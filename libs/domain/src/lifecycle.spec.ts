import {
  availableActions,
  decide,
  type DecideResult,
  type Decision,
  nextActor,
  resubmitTarget,
  TRANSITIONS,
} from './lifecycle';
import { PROJECT_ACTIONS, type ProjectAction, type Role, ROLES, type Stage, STAGES } from './stages';

/**
 * The rules written a second way, per role: "stage action[:decision]" → target, where '=' stays and
 * '<' goes back to the stage that returned the project. Kept independent of TRANSITIONS on purpose.
 */
const ALLOWED: Partial<Record<Role, Record<string, string>>> = {
  village: {
    'draft edit': '=',
    'draft submit': 'township_review',
    'draft withdraw': 'withdrawn',
    'returned edit': '=',
    'returned submit': '<',
    'returned withdraw': 'withdrawn',
    'township_review withdraw': 'withdrawn',
    'implementation record_procurement': '=',
    'implementation report_progress': '=',
    'implementation request_change': '=',
    'implementation request_acceptance': 'acceptance',
  },
  township: {
    'township_review approve': 'department_review',
    'township_review return': 'returned',
    'township_review reject': 'rejected',
  },
  department: {
    'department_review approve': 'county_review',
    'department_review return': 'returned',
    'department_review reject': 'rejected',
    'department_review clear_flag': '=',
  },
  county: {
    'county_review approve': 'publicity',
    'county_review return': 'returned',
    'county_review reject': 'rejected',
    'publicity resolve_objection:uphold': 'returned',
    'publicity resolve_objection:dismiss': '=',
    'implementation review_change:approve': '=',
    'implementation review_change:refuse': '=',
    'acceptance accept:pass': 'disbursement',
    'acceptance accept:fail': 'implementation',
  },
  finance: { 'implementation pay': '=', 'acceptance pay': '=', 'disbursement pay': '=' },
  public: { 'publicity object': '=' },
  system: { 'publicity publicity_elapsed': 'implementation', 'disbursement complete': 'completed', 'disbursement release_retention': '=' },
};

const DECISIONS: Array<Decision | undefined> = [undefined, 'uphold', 'dismiss', 'pass', 'fail', 'approve', 'refuse'];
const RETURNED_FROM: Stage = 'department_review';

function keysOf(role: Role): string[] {
  return Object.keys(ALLOWED[role] ?? {});
}

function expected(stage: Stage, action: ProjectAction, role: Role, decision: Decision | undefined): DecideResult {
  const prefix = `${stage} ${action}`;
  const matches = (k: string) => k === prefix || k.startsWith(`${prefix}:`);
  if (!ROLES.some((r) => keysOf(r).some(matches))) {
    const roleDoesIt = keysOf(role).some((k) => k.split(' ')[1].split(':')[0] === action);
    return { ok: false, reason: roleDoesIt ? 'wrong_stage' : 'wrong_role' };
  }
  const mine = keysOf(role).filter(matches);
  if (mine.length === 0) return { ok: false, reason: 'wrong_role' };
  const takesDecision = mine.some((k) => k.includes(':'));
  const key = takesDecision
    ? decision === undefined
      ? undefined
      : `${prefix}:${decision}`
    : decision === undefined
      ? prefix
      : undefined;
  const target = key === undefined ? undefined : ALLOWED[role]?.[key];
  if (target === undefined) return { ok: false, reason: 'invalid_decision' };
  if (target === '=') return { ok: true, to: stage };
  if (target === '<') return { ok: true, to: RETURNED_FROM };
  return { ok: true, to: target as Stage };
}

describe('decide — every stage × action × role × decision', () => {
  const cases: Array<[Stage, ProjectAction, Role, Decision | undefined]> = [];
  for (const stage of STAGES)
    for (const action of PROJECT_ACTIONS)
      for (const role of ROLES) for (const decision of DECISIONS) cases.push([stage, action, role, decision]);

  it(`agrees with the independent allow-list on all ${cases.length} combinations`, () => {
    const mismatches = cases.filter(([stage, action, role, decision]) => {
      const actual = decide({ stage, action, role, decision, returnedFrom: RETURNED_FROM });
      return JSON.stringify(actual) !== JSON.stringify(expected(stage, action, role, decision));
    });
    expect(mismatches).toEqual([]);
  });

  it('has exactly as many table rows as allow-list entries', () => {
    const allowCount = ROLES.reduce((n, r) => n + keysOf(r).length, 0);
    expect(TRANSITIONS).toHaveLength(allowCount);
  });

  it('has no duplicate rows', () => {
    const keys = TRANSITIONS.map((t) => `${t.stage}|${t.action}|${t.role}|${t.decision ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('never leaves a terminal stage', () => {
    for (const stage of ['completed', 'rejected', 'withdrawn'] as const) {
      expect(TRANSITIONS.filter((t) => t.stage === stage)).toEqual([]);
    }
  });
});

describe('decide — the reasons', () => {
  it('wrong_role: the action is taken here, but by someone else', () => {
    expect(decide({ stage: 'township_review', action: 'approve', role: 'county' })).toEqual({
      ok: false,
      reason: 'wrong_role',
    });
    expect(decide({ stage: 'township_review', action: 'approve', role: 'monitor' })).toEqual({
      ok: false,
      reason: 'wrong_role',
    });
    // Someone acting here takes precedence over the township approving at its own stage.
    expect(decide({ stage: 'county_review', action: 'approve', role: 'township' })).toEqual({
      ok: false,
      reason: 'wrong_role',
    });
  });

  it('wrong_stage: the role takes the action, but elsewhere', () => {
    expect(decide({ stage: 'draft', action: 'approve', role: 'township' })).toEqual({
      ok: false,
      reason: 'wrong_stage',
    });
    expect(decide({ stage: 'implementation', action: 'submit', role: 'village' })).toEqual({
      ok: false,
      reason: 'wrong_stage',
    });
    expect(decide({ stage: 'department_review', action: 'withdraw', role: 'village' })).toEqual({
      ok: false,
      reason: 'wrong_stage',
    });
  });

  it('wrong_role: the role never takes the action anywhere', () => {
    expect(decide({ stage: 'draft', action: 'pay', role: 'township' })).toEqual({ ok: false, reason: 'wrong_role' });
    expect(decide({ stage: 'draft', action: 'approve', role: 'admin' })).toEqual({ ok: false, reason: 'wrong_role' });
  });

  it('unknown_action for strings that are not actions', () => {
    expect(decide({ stage: 'draft', action: 'delete' as ProjectAction, role: 'village' })).toEqual({
      ok: false,
      reason: 'unknown_action',
    });
  });

  it('invalid_decision for a missing, foreign or superfluous decision', () => {
    expect(decide({ stage: 'acceptance', action: 'accept', role: 'county' })).toEqual({
      ok: false,
      reason: 'invalid_decision',
    });
    expect(decide({ stage: 'acceptance', action: 'accept', role: 'county', decision: 'uphold' })).toEqual({
      ok: false,
      reason: 'invalid_decision',
    });
    expect(decide({ stage: 'county_review', action: 'approve', role: 'county', decision: 'pass' })).toEqual({
      ok: false,
      reason: 'invalid_decision',
    });
  });

  it('routes decisions', () => {
    expect(decide({ stage: 'publicity', action: 'resolve_objection', role: 'county', decision: 'uphold' })).toEqual({
      ok: true,
      to: 'returned',
    });
    expect(decide({ stage: 'publicity', action: 'resolve_objection', role: 'county', decision: 'dismiss' })).toEqual({
      ok: true,
      to: 'publicity',
    });
    expect(decide({ stage: 'acceptance', action: 'accept', role: 'county', decision: 'pass' })).toEqual({
      ok: true,
      to: 'disbursement',
    });
    expect(decide({ stage: 'acceptance', action: 'accept', role: 'county', decision: 'fail' })).toEqual({
      ok: true,
      to: 'implementation',
    });
  });
});

describe('resubmission after a return', () => {
  it.each(['township_review', 'department_review', 'county_review'] as const)(
    'returned from %s goes back there',
    (from) => {
      expect(decide({ stage: 'returned', action: 'submit', role: 'village', returnedFrom: from })).toEqual({
        ok: true,
        to: from,
      });
    },
  );

  it('returned by an upheld objection goes back to the county for re-approval', () => {
    expect(decide({ stage: 'returned', action: 'submit', role: 'village', returnedFrom: 'publicity' })).toEqual({
      ok: true,
      to: 'county_review',
    });
  });

  it.each([undefined, null, 'draft', 'implementation', 'returned'] as const)('refuses returnedFrom=%s', (from) => {
    expect(decide({ stage: 'returned', action: 'submit', role: 'village', returnedFrom: from })).toEqual({
      ok: false,
      reason: 'invalid_returned_from',
    });
  });

  it('a first submission ignores returnedFrom', () => {
    expect(decide({ stage: 'draft', action: 'submit', role: 'village', returnedFrom: 'county_review' })).toEqual({
      ok: true,
      to: 'township_review',
    });
  });

  it('resubmitTarget maps stages directly', () => {
    expect(resubmitTarget('county_review')).toBe('county_review');
    expect(resubmitTarget('publicity')).toBe('county_review');
    expect(resubmitTarget('draft')).toBeNull();
  });
});

describe('a project from draft to completed', () => {
  it('walks the happy path', () => {
    const steps: Array<[ProjectAction, Role, Decision?]> = [
      ['submit', 'village'],
      ['approve', 'township'],
      ['approve', 'department'],
      ['approve', 'county'],
      ['object', 'public'],
      ['resolve_objection', 'county', 'dismiss'],
      ['publicity_elapsed', 'system'],
      ['record_procurement', 'village'],
      ['report_progress', 'village'],
      ['request_acceptance', 'village'],
      ['accept', 'county', 'fail'],
      ['request_acceptance', 'village'],
      ['accept', 'county', 'pass'],
      ['pay', 'finance'],
      ['complete', 'system'],
    ];
    let stage: Stage = 'draft';
    const visited: Stage[] = [stage];
    for (const [action, role, decision] of steps) {
      const result = decide({ stage, action, role, decision });
      if (!result.ok) throw new Error(`${action} by ${role} at ${stage}: ${result.reason}`);
      stage = result.to;
      visited.push(stage);
    }
    expect(stage).toBe('completed');
    expect(visited).toContain('acceptance');
  });
});

describe('nextActor', () => {
  it('maps each stage to who must act', () => {
    const actors = Object.fromEntries(STAGES.map((s) => [s, nextActor(s)]));
    expect(actors).toEqual({
      draft: 'village',
      township_review: 'township',
      department_review: 'department',
      county_review: 'county',
      publicity: 'system',
      implementation: 'village',
      acceptance: 'county',
      disbursement: 'finance',
      completed: null,
      returned: 'village',
      rejected: null,
      withdrawn: null,
      terminated: null,
    });
  });
});

describe('availableActions', () => {
  it('lists what a role may do now', () => {
    expect(availableActions('returned', 'village')).toEqual(['edit', 'submit', 'withdraw']);
    expect(availableActions('publicity', 'county')).toEqual(['resolve_objection']);
    expect(availableActions('department_review', 'department')).toEqual(['approve', 'return', 'reject', 'clear_flag']);
    expect(availableActions('completed', 'county')).toEqual([]);
  });
});
