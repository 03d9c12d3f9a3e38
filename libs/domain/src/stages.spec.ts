import {
  actionLabel,
  isLoginRole,
  isProjectAction,
  isReviewStage,
  isRole,
  isStage,
  isTerminal,
  LOGIN_ROLES,
  PROJECT_ACTIONS,
  REVIEW_STAGES,
  roleLabel,
  ROLES,
  stageLabel,
  STAGES,
} from './stages';

describe('stages', () => {
  it('lists the contract stages in API order', () => {
    expect(STAGES).toEqual([
      'draft',
      'township_review',
      'department_review',
      'county_review',
      'publicity',
      'implementation',
      'acceptance',
      'disbursement',
      'completed',
      'returned',
      'rejected',
      'withdrawn',
      'terminated',
    ]);
  });

  it('labels stages in Chinese', () => {
    expect(STAGES.map(stageLabel)).toEqual([
      '草稿',
      '乡镇审核',
      '部门审查',
      '县级审定',
      '公示中',
      '实施中',
      '验收中',
      '拨付中',
      '已完成',
      '已退回',
      '不予通过',
      '已撤回',
      '已终止',
    ]);
  });

  it('knows which stages end the project', () => {
    expect(STAGES.filter(isTerminal)).toEqual(['completed', 'rejected', 'withdrawn', 'terminated']);
  });

  it('has three review stages', () => {
    expect(REVIEW_STAGES).toEqual(['township_review', 'department_review', 'county_review']);
    expect(STAGES.filter(isReviewStage)).toEqual([...REVIEW_STAGES]);
  });
});

describe('roles and actions', () => {
  it('separates login roles from public and system', () => {
    expect(ROLES.filter((r) => !isLoginRole(r))).toEqual(['public', 'system']);
    expect(LOGIN_ROLES).toHaveLength(8);
  });

  it('labels every role and action distinctly', () => {
    const roleLabels = ROLES.map(roleLabel);
    const actionLabels = PROJECT_ACTIONS.map(actionLabel);
    expect(new Set(roleLabels).size).toBe(ROLES.length);
    expect(new Set(actionLabels).size).toBe(PROJECT_ACTIONS.length);
    expect([...roleLabels, ...actionLabels].every((l) => /[\u4e00-\u9fff]/.test(l))).toBe(true);
  });

  it('guards untrusted strings', () => {
    expect(isStage('publicity')).toBe(true);
    expect(isStage('Publicity')).toBe(false);
    expect(isStage(undefined)).toBe(false);
    expect(isRole('system')).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isLoginRole('public')).toBe(false);
    expect(isProjectAction('resolve_objection')).toBe(true);
    expect(isProjectAction('toString')).toBe(false);
  });
});
