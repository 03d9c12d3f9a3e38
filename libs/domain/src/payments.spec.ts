import { checkPayment, isFullyPaid, payableBeforeWarrantyFen, progressCeilingFen, retentionFen, type PaymentBook } from './payments';

const book = (over: Partial<PaymentBook> = {}): PaymentBook => ({
  contractFen: 155_000_000n, // 1,550,000.00 yuan
  retentionRate: '0.03',
  latestPercent: 50,
  accepted: false,
  retentionReleased: false,
  matchedFen: 160_000_000n,
  paid: { progress: 0n, final: 0n, retention: 0n, household: 0n },
  ...over,
});

describe('payment caps', () => {
  it('splits the contract into payable and retention to the fen', () => {
    expect(payableBeforeWarrantyFen(155_000_000n, '0.03')).toBe(150_350_000n);
    expect(retentionFen(155_000_000n, '0.03')).toBe(4_650_000n);
    expect(retentionFen(100_001n, '0.03') + payableBeforeWarrantyFen(100_001n, '0.03')).toBe(100_001n);
  });

  it('caps progress payments at contract × progress less retention', () => {
    expect(progressCeilingFen(book())).toBe(75_175_000n);
    expect(checkPayment(book(), 'progress', 75_175_000n)).toMatchObject({ ok: true });
    expect(checkPayment(book(), 'progress', 75_175_001n)).toMatchObject({ ok: false, message: expect.stringMatching(/超进度/) });
    const partly = book({ paid: { progress: 70_000_000n, final: 0n, retention: 0n, household: 0n } });
    expect(checkPayment(partly, 'progress', 5_175_000n)).toMatchObject({ ok: true });
    expect(checkPayment(partly, 'progress', 5_175_001n)).toMatchObject({ ok: false });
  });

  it('pays the final sum only after acceptance and the retention only after the warranty', () => {
    expect(checkPayment(book({ latestPercent: 100 }), 'final', 1n)).toMatchObject({ ok: false, message: expect.stringMatching(/验收/) });
    const accepted = book({ latestPercent: 100, accepted: true });
    expect(checkPayment(accepted, 'progress', 1n)).toMatchObject({ ok: false });
    expect(checkPayment(accepted, 'final', 150_350_000n)).toMatchObject({ ok: true });
    expect(checkPayment(accepted, 'final', 150_350_001n)).toMatchObject({ ok: false, message: expect.stringMatching(/质保金/) });
    const worksPaid = { ...accepted, paid: { progress: 0n, final: 150_350_000n, retention: 0n, household: 0n } };
    expect(checkPayment(worksPaid, 'retention', 4_650_000n)).toMatchObject({ ok: false, message: expect.stringMatching(/质保期未满/) });
    const released = { ...worksPaid, retentionReleased: true };
    expect(checkPayment(released, 'retention', 4_650_001n)).toMatchObject({ ok: false });
    expect(checkPayment(released, 'retention', 4_650_000n)).toMatchObject({ ok: true });
    expect(isFullyPaid(released)).toBe(false);
    expect(isFullyPaid({ ...released, paid: { ...released.paid, retention: 4_650_000n } })).toBe(true);
  });

  it('pays at most the retention held, and nothing as retention when none was held', () => {
    const released = book({ latestPercent: 100, accepted: true, retentionReleased: true });
    expect(checkPayment(released, 'retention', 4_650_001n)).toMatchObject({ ok: false });
    expect(checkPayment(released, 'retention', 4_650_000n)).toMatchObject({ ok: true });
    expect(checkPayment({ ...released, retentionRate: '0' }, 'retention', 1n)).toMatchObject({ ok: false });
  });

  it('never pays more than the money matched to the project', () => {
    const short = book({ latestPercent: 100, accepted: true, matchedFen: 100_000_000n });
    expect(checkPayment(short, 'final', 100_000_001n)).toMatchObject({ ok: false, message: expect.stringMatching(/匹配资金/) });
    expect(checkPayment(short, 'household', 100_000_001n)).toMatchObject({ ok: false });
  });

  it('refuses zero and negative amounts', () => {
    expect(checkPayment(book(), 'progress', 0n)).toMatchObject({ ok: false });
    expect(checkPayment(book(), 'household', -1n)).toMatchObject({ ok: false });
  });
});
