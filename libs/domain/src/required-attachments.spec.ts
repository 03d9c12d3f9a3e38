import { gateOf, gatesAhead, missingKinds, missingMessage, requirements, type RequiredAttachments } from './required-attachments';

const NONE: RequiredAttachments = { submit: [], countyMeeting: [], procurement: [], acceptance: [] };
const STRICT: RequiredAttachments = {
  submit: ['villagers_resolution', 'implementation_plan'],
  countyMeeting: ['county_meeting_minutes'],
  procurement: ['contract'],
  acceptance: ['acceptance_report'],
};

describe('required attachments', () => {
  it('finds the gate an action passes', () => {
    expect(gateOf('draft', 'submit', false)).toBe('submit');
    expect(gateOf('returned', 'submit', true)).toBe('submit');
    expect(gateOf('county_review', 'approve', true)).toBe('countyMeeting');
    expect(gateOf('county_review', 'approve', false)).toBeNull();
    expect(gateOf('township_review', 'approve', true)).toBeNull();
    expect(gateOf('implementation', 'record_procurement', false)).toBe('procurement');
    expect(gateOf('acceptance', 'accept', false)).toBe('acceptance');
    expect(gateOf('implementation', 'report_progress', false)).toBeNull();
  });

  it('requires nothing when the policy names nothing', () => {
    expect(missingKinds(NONE, 'submit', new Set())).toEqual([]);
    expect(requirements(NONE, gatesAhead('draft', true), new Set())).toEqual([]);
  });

  it('names each missing kind, in the policy order, in Chinese', () => {
    const missing = missingKinds(STRICT, 'submit', new Set(['implementation_plan', 'photo']));
    expect(missing).toEqual(['villagers_resolution']);
    expect(missingMessage('submit', missing)).toBe('提交申报前须上传附件：村民代表大会决议');
    expect(missingMessage('submit', missingKinds(STRICT, 'submit', new Set()))).toBe('提交申报前须上传附件：村民代表大会决议、实施方案');
  });

  it('marks what is still ahead of the project and whether it is there', () => {
    expect(gatesAhead('draft', false)).toEqual(['submit', 'procurement', 'acceptance']);
    expect(gatesAhead('county_review', true)).toEqual(['countyMeeting', 'procurement', 'acceptance']);
    expect(gatesAhead('acceptance', true)).toEqual(['acceptance']);
    expect(gatesAhead('completed', true)).toEqual([]);
    expect(requirements(STRICT, gatesAhead('implementation', false), new Set(['contract']))).toEqual([
      { gate: 'procurement', kind: 'contract', satisfied: true },
      { gate: 'acceptance', kind: 'acceptance_report', satisfied: false },
    ]);
  });
});
