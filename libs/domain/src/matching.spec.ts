import { checkMatch, checkUnmatch, generalPoolFen, matchedFen, unmatchedFen, type AllocationBook } from './matching';

const WAN = 1_000_000n;
const book = (): AllocationBook => ({
  amountFen: 1000n * WAN,
  earmarks: [{ purpose: '健康乡村示范创建', amountFen: 300n * WAN }],
  matches: [],
});
const project = { budgetFen: 800n * WAN, matchedElsewhereFen: 0n };

describe('checkMatch', () => {
  it('keeps earmarked money for its purpose and the rest for general use', () => {
    const b = book();
    expect(generalPoolFen(b)).toBe(700n * WAN);
    expect(checkMatch(b, { projectId: 'p', amountFen: 701n * WAN, purpose: null }, project)).toMatchObject({ ok: false });
    expect(checkMatch(b, { projectId: 'p', amountFen: 700n * WAN, purpose: null }, project)).toEqual({ ok: true });
    expect(checkMatch(b, { projectId: 'p', amountFen: 301n * WAN, purpose: '健康乡村示范创建' }, project)).toMatchObject({ ok: false });
    expect(checkMatch(b, { projectId: 'p', amountFen: 1n, purpose: '其他用途' }, project)).toMatchObject({ ok: false });
  });

  it('never lets the sum exceed the allocation nor a project exceed its budget', () => {
    const b = book();
    b.matches.push({ id: 'm1', projectId: 'p', amountFen: 700n * WAN, purpose: null, active: true });
    expect(matchedFen(b)).toBe(700n * WAN);
    expect(unmatchedFen(b)).toBe(300n * WAN);
    expect(checkMatch(b, { projectId: 'q', amountFen: 1n, purpose: null }, project)).toMatchObject({ ok: false });
    expect(checkMatch(b, { projectId: 'p', amountFen: 101n * WAN, purpose: '健康乡村示范创建' }, project)).toMatchObject({ ok: false, message: expect.stringMatching(/批复预算/) });
    expect(checkMatch(b, { projectId: 'p', amountFen: 100n * WAN, purpose: '健康乡村示范创建' }, project)).toEqual({ ok: true });
  });

  it('counts a removed match as free again', () => {
    const b = book();
    b.matches.push({ id: 'm1', projectId: 'p', amountFen: 700n * WAN, purpose: null, active: false });
    expect(checkMatch(b, { projectId: 'q', amountFen: 700n * WAN, purpose: null }, project)).toEqual({ ok: true });
  });
});

describe('checkUnmatch', () => {
  it('refuses to leave a project paid beyond its matched money', () => {
    const b = book();
    b.matches.push({ id: 'm1', projectId: 'p', amountFen: 100n * WAN, purpose: null, active: true });
    expect(checkUnmatch(b, 'm1', { matchedTotalFen: 100n * WAN, paidFen: 1n })).toMatchObject({ ok: false });
    expect(checkUnmatch(b, 'm1', { matchedTotalFen: 100n * WAN, paidFen: 0n })).toEqual({ ok: true });
    expect(checkUnmatch(b, 'nope', { matchedTotalFen: 0n, paidFen: 0n })).toMatchObject({ ok: false });
  });
});
