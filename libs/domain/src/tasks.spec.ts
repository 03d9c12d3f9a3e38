import { STAGES } from './stages';
import { reminderAt, taskFor, taskRegionCode } from './tasks';

describe('taskFor', () => {
  const none = { hasOpenObjection: false, hasPendingChange: false };

  it('gives each review stage to its reviewer with its own due time', () => {
    expect(taskFor('township_review', none)).toEqual({ role: 'township', action: 'review', dueKey: 'township' });
    expect(taskFor('department_review', none)).toEqual({ role: 'department', action: 'review', dueKey: 'department' });
    expect(taskFor('county_review', none)).toEqual({ role: 'county', action: 'review', dueKey: 'county' });
    expect(taskFor('returned', none)).toEqual({ role: 'village', action: 'revise', dueKey: 'village' });
  });

  it('waits on the calendar during publicity unless an objection is open', () => {
    expect(taskFor('publicity', none)).toBeNull();
    expect(taskFor('publicity', { ...none, hasOpenObjection: true })).toMatchObject({ role: 'county', action: 'resolve_objection' });
  });

  it('puts a pending change before the county during implementation', () => {
    expect(taskFor('implementation', none)).toMatchObject({ role: 'village', action: 'implement', dueKey: null });
    expect(taskFor('implementation', { ...none, hasPendingChange: true })).toMatchObject({ role: 'county', action: 'review_change' });
  });

  it('has no task in draft or in a terminal stage', () => {
    for (const stage of STAGES.filter((s) => ['draft', 'completed', 'rejected', 'withdrawn'].includes(s))) {
      expect(taskFor(stage, none)).toBeNull();
    }
  });
});

describe('taskRegionCode', () => {
  it('addresses village, township and county by the village code', () => {
    expect(taskRegionCode('village', '140602205901')).toBe('140602205901');
    expect(taskRegionCode('township', '140602205901')).toBe('140602205000');
    expect(taskRegionCode('department', '140602205901')).toBe('140602000000');
    expect(taskRegionCode('county', '140602205901')).toBe('140602000000');
  });
});

describe('reminderAt', () => {
  it('falls at four fifths of the period', () => {
    const opened = new Date('2024-05-01T00:00:00Z');
    expect(reminderAt(opened, new Date('2024-05-06T00:00:00Z')).toISOString()).toBe('2024-05-05T00:00:00.000Z');
    expect(reminderAt(opened, new Date('2024-05-01T00:00:30Z')).toISOString()).toBe('2024-05-01T00:00:24.000Z');
  });
});
