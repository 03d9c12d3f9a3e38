import fc from 'fast-check';
import { checkMatch, checkUnmatch, generalPoolFen, matchedFen, unmatchedFen, type AllocationBook, type MatchRecord } from './matching';
import {
  checkPayment,
  isFullyPaid,
  PAYMENT_KINDS,
  payableBeforeWarrantyFen,
  progressCeilingFen,
  retentionFen,
  type PaymentBook,
  type PaymentKind,
} from './payments';

/**
 * 资金台账 invariants, property-based: a small in-memory world of allocations (资金分配) and library
 * projects is driven by random action sequences, refused actions included. Every action is first
 * judged by the pure rules (checkMatch, checkUnmatch, checkPayment …); a refused one changes nothing,
 * an accepted one appends rows to an append-only ledger with the kinds of `ledger_entries`. After
 * every step the ledger alone must explain the state, and the state must respect the money rules.
 */

type LedgerKind = 'allocation' | 'receipt' | 'match' | 'unmatch' | 'payment' | 'retention_held' | 'retention_released';

interface LedgerRow {
  kind: LedgerKind;
  amountFen: bigint;
  allocationId: string | null;
  projectId: string | null;
  matchId: string | null;
  paymentId: string | null;
  /** As the activities write it: the purpose of an earmarked match, the kind of a payment. */
  note: string | null;
}

interface Allocation {
  id: string;
  book: AllocationBook;
}

interface Project {
  id: string;
  budgetFen: bigint;
  contractFen: bigint;
  /** 质保金比例 */
  rate: string;
  percent: number;
  accepted: boolean;
  heldFen: bigint;
  released: boolean;
  completed: boolean;
  paid: Record<PaymentKind, bigint>;
}

interface World {
  allocations: Allocation[];
  projects: Project[];
  ledger: LedgerRow[];
  nextId: number;
}

/** Amounts are either absolute or relative to the headroom the rules leave, so the edges are hit often. */
type AmountSpec = { mode: 'raw'; fen: bigint } | { mode: 'edge'; bound: number; delta: -1 | 0 | 1 } | { mode: 'part'; permille: number };

type Action =
  | { type: 'match'; a: number; p: number; amount: AmountSpec; purpose: 'none' | 'earmark' | 'unknown' }
  | { type: 'unmatch'; m: number }
  | { type: 'reportProgress'; p: number; percent: number }
  | { type: 'accept'; p: number; result: 'pass' | 'fail' }
  | { type: 'releaseRetention'; p: number }
  | { type: 'pay'; p: number; kind: PaymentKind; amount: AmountSpec };

const RATES = ['0', '0.03', '0.05'] as const;
const PURPOSES = ['健康乡村示范创建', '千万工程示范村'] as const;

interface Config {
  allocations: { amountFen: bigint; earmark: { purpose: string; amountFen: bigint } | null }[];
  projects: { budgetFen: bigint; contractFen: bigint; rate: string }[];
}

const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);
const min = (...values: bigint[]) => values.reduce((a, b) => (b < a ? b : a));

// ---------------------------------------------------------------------------------------------
// Arbitraries

const allocationArb = fc.bigInt({ min: 1n, max: 3_000_000n }).chain((amountFen) =>
  fc.record({
    amountFen: fc.constant(amountFen),
    earmark: fc.option(fc.record({ purpose: fc.constantFrom(...PURPOSES), amountFen: fc.bigInt({ min: 0n, max: amountFen }) }), {
      nil: null,
    }),
  }),
);

const projectArb = fc.bigInt({ min: 1n, max: 2_000_000n }).chain((budgetFen) =>
  fc.record({
    budgetFen: fc.constant(budgetFen),
    contractFen: fc.oneof(fc.constant(budgetFen), fc.bigInt({ min: 1n, max: budgetFen })),
    rate: fc.constantFrom(...RATES),
  }),
);

const configArb: fc.Arbitrary<Config> = fc.record({
  allocations: fc.array(allocationArb, { minLength: 2, maxLength: 3 }),
  projects: fc.array(projectArb, { minLength: 2, maxLength: 4 }),
});

const amountArb: fc.Arbitrary<AmountSpec> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ mode: fc.constant('raw' as const), fen: fc.bigInt({ min: 0n, max: 2_500_000n }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      mode: fc.constant('edge' as const),
      bound: fc.nat({ max: 3 }),
      delta: fc.constantFrom(-1 as const, 0 as const, 1 as const),
    }),
  },
  { weight: 4, arbitrary: fc.record({ mode: fc.constant('part' as const), permille: fc.integer({ min: 1, max: 1000 }) }) },
);

const index = fc.nat({ max: 7 });
/** Half the project actions go to the first project, so that sequences often carry one project all the way to its retention. */
const projectIndex = fc.oneof(fc.constant(0), index);

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('match' as const),
      a: index,
      p: projectIndex,
      amount: amountArb,
      purpose: fc.constantFrom('none' as const, 'earmark' as const, 'unknown' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('unmatch' as const), m: fc.nat({ max: 40 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('reportProgress' as const),
      p: projectIndex,
      percent: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(100)),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('accept' as const),
      p: projectIndex,
      result: fc.constantFrom('pass' as const, 'pass' as const, 'fail' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('releaseRetention' as const), p: projectIndex }) },
  {
    weight: 7,
    arbitrary: fc.record({
      type: fc.constant('pay' as const),
      p: projectIndex,
      kind: fc.constantFrom(...PAYMENT_KINDS),
      amount: amountArb,
    }),
  },
);

// ---------------------------------------------------------------------------------------------
// The world and its rules (the rules are the domain functions; the world only keeps state)

function createWorld(config: Config): World {
  const world: World = { allocations: [], projects: [], ledger: [], nextId: 1 };
  for (const [i, a] of config.allocations.entries()) {
    const id = `alloc-${i}`;
    world.allocations.push({ id, book: { amountFen: a.amountFen, earmarks: a.earmark ? [{ ...a.earmark }] : [], matches: [] } });
    // 下达 and 到账: received = allocated.
    world.ledger.push(row('allocation', a.amountFen, { allocationId: id }));
    world.ledger.push(row('receipt', a.amountFen, { allocationId: id }));
  }
  for (const [i, p] of config.projects.entries()) {
    world.projects.push({
      id: `project-${i}`,
      budgetFen: p.budgetFen,
      contractFen: p.contractFen,
      rate: p.rate,
      percent: 0,
      accepted: false,
      heldFen: 0n,
      released: false,
      completed: false,
      paid: { progress: 0n, final: 0n, retention: 0n, household: 0n },
    });
  }
  return world;
}

function row(kind: LedgerKind, amountFen: bigint, refs: Partial<Omit<LedgerRow, 'kind' | 'amountFen'>> = {}): LedgerRow {
  return { kind, amountFen, allocationId: null, projectId: null, matchId: null, paymentId: null, note: null, ...refs };
}

const allMatches = (w: World): { allocation: Allocation; match: MatchRecord }[] =>
  w.allocations.flatMap((allocation) => allocation.book.matches.map((match) => ({ allocation, match })));

const activeMatchedFen = (w: World, projectId: string, except?: Allocation) =>
  sum(
    allMatches(w)
      .filter(({ allocation, match }) => match.active && match.projectId === projectId && allocation !== except)
      .map(({ match }) => match.amountFen),
  );

const paidTotal = (p: Project) => p.paid.progress + p.paid.final + p.paid.retention + p.paid.household;
const worksPaid = (p: Project) => p.paid.progress + p.paid.final;

function paymentBook(w: World, p: Project): PaymentBook {
  return {
    contractFen: p.contractFen,
    retentionRate: p.rate,
    latestPercent: p.percent,
    accepted: p.accepted,
    retentionReleased: p.released,
    matchedFen: activeMatchedFen(w, p.id),
    paid: { ...p.paid },
  };
}

/**
 * Resolves an amount against the limits that may bind: `edge` lands on (or one fen either side of)
 * one of them, `part` takes a share of the tightest.
 */
function resolveAmount(spec: AmountSpec, bounds: bigint[]): bigint {
  switch (spec.mode) {
    case 'raw':
      return spec.fen;
    case 'edge':
      return bounds[spec.bound % bounds.length] + BigInt(spec.delta);
    case 'part': {
      const part = (min(...bounds) * BigInt(spec.permille)) / 1000n;
      return part > 0n ? part : 1n;
    }
  }
}

/** The limits a payment of this kind may run into: matched money, the kind's own cap, the contract, the retention held. */
function paymentBounds(w: World, p: Project, kind: PaymentKind): bigint[] {
  const book = paymentBook(w, p);
  const byMatch = book.matchedFen - paidTotal(p);
  const byContract = p.contractFen - worksPaid(p) - p.paid.retention;
  switch (kind) {
    case 'progress':
      return [byMatch, progressCeilingFen(book) - worksPaid(p), byContract];
    case 'final':
      return [byMatch, payableBeforeWarrantyFen(p.contractFen, p.rate) - worksPaid(p), byContract];
    case 'retention':
      return [byMatch, p.heldFen - p.paid.retention, byContract];
    case 'household':
      return [byMatch, p.budgetFen - paidTotal(p)];
  }
}

type Outcome = { ok: true } | { ok: false; why: string };
const refused = (why: string): Outcome => ({ ok: false, why });

/** Applies one action if the rules allow it; a refusal leaves the world untouched. */
function step(w: World, action: Action): Outcome {
  switch (action.type) {
    case 'match': {
      const allocation = w.allocations[action.a % w.allocations.length];
      const project = w.projects[action.p % w.projects.length];
      const earmark = allocation.book.earmarks[0];
      const purpose = action.purpose === 'none' ? null : action.purpose === 'earmark' && earmark ? earmark.purpose : '不存在的专项';
      const used = sum(allocation.book.matches.filter((m) => m.active && m.purpose === purpose).map((m) => m.amountFen));
      const pool =
        purpose === null ? generalPoolFen(allocation.book) : (allocation.book.earmarks.find((e) => e.purpose === purpose)?.amountFen ?? 0n);
      const amountFen = resolveAmount(action.amount, [
        pool - used,
        project.budgetFen - activeMatchedFen(w, project.id),
        allocation.book.amountFen - matchedFen(allocation.book),
      ]);
      const verdict = checkMatch(
        allocation.book,
        { projectId: project.id, amountFen, purpose },
        { budgetFen: project.budgetFen, matchedElsewhereFen: activeMatchedFen(w, project.id, allocation) },
      );
      if (!verdict.ok) return refused(verdict.message);
      const id = `match-${w.nextId++}`;
      allocation.book.matches.push({ id, projectId: project.id, amountFen, purpose, active: true });
      w.ledger.push(row('match', amountFen, { allocationId: allocation.id, projectId: project.id, matchId: id, note: purpose }));
      return { ok: true };
    }
    case 'unmatch': {
      const all = allMatches(w);
      if (all.length === 0) return refused('nothing matched yet');
      const { allocation, match } = all[action.m % all.length];
      const project = w.projects.find((p) => p.id === match.projectId)!;
      const verdict = checkUnmatch(allocation.book, match.id, {
        matchedTotalFen: activeMatchedFen(w, project.id),
        paidFen: paidTotal(project),
      });
      if (!verdict.ok) return refused(verdict.message);
      match.active = false;
      w.ledger.push(
        row('unmatch', match.amountFen, { allocationId: allocation.id, projectId: project.id, matchId: match.id, note: match.purpose }),
      );
      return { ok: true };
    }
    case 'reportProgress': {
      const project = w.projects[action.p % w.projects.length];
      // Progress is reported while implementing: not after acceptance, never backwards.
      if (project.accepted || project.completed) return refused('wrong stage');
      if (action.percent < project.percent) return refused('progress only grows');
      project.percent = action.percent;
      return { ok: true };
    }
    case 'accept': {
      const project = w.projects[action.p % w.projects.length];
      if (project.accepted || project.completed) return refused('wrong stage');
      if (project.percent < 100) return refused('acceptance needs 100 %');
      if (action.result === 'fail') return { ok: true }; // back to implementation, nothing moves
      project.accepted = true;
      project.heldFen = retentionFen(project.contractFen, project.rate);
      if (project.heldFen > 0n) w.ledger.push(row('retention_held', project.heldFen, { projectId: project.id, note: project.rate }));
      return { ok: true };
    }
    case 'releaseRetention': {
      const project = w.projects[action.p % w.projects.length];
      if (!project.accepted || project.released || project.completed) return refused('no retention to release');
      project.released = true;
      if (project.heldFen > 0n) w.ledger.push(row('retention_released', project.heldFen, { projectId: project.id }));
      return { ok: true };
    }
    case 'pay': {
      const project = w.projects[action.p % w.projects.length];
      if (project.completed) return refused('project completed');
      const amountFen = resolveAmount(action.amount, paymentBounds(w, project, action.kind));
      const book = paymentBook(w, project);
      const verdict = checkPayment(book, action.kind, amountFen);
      if (!verdict.ok) return refused(verdict.message);
      // The activity checks again under the project's lock with the ceiling the verdict handed it;
      // a payment the rules accepted must pass that second check too.
      if (action.kind !== 'household') {
        const worksAfter = worksPaid(project) + project.paid.retention + amountFen;
        check(
          worksAfter <= verdict.worksCeilingFen,
          'a payment the rules accept passes the activity’s re-check',
          worksAfter,
          verdict.worksCeilingFen,
        );
      }
      project.paid[action.kind] += amountFen;
      const id = `payment-${w.nextId++}`;
      w.ledger.push(row('payment', amountFen, { projectId: project.id, paymentId: id, note: action.kind }));
      // 办结 only after acceptance, as the workflow does.
      if (project.accepted && isFullyPaid({ ...book, paid: { ...project.paid } })) project.completed = true;
      return { ok: true };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Invariants

/** Plain checks rather than `expect`: thousands run per property, and fast-check reports the failing one. */
function check(ok: boolean, what: string, ...values: unknown[]): void {
  if (!ok) throw new Error(`invariant broken: ${what} ${values.map((v) => String(v)).join(' / ')}`);
}

/** A stable, comparable picture of the whole world (bigints as strings). */
const snapshot = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

/** Ledger totals by kind, per allocation, per project, per purpose and per payment kind, in one pass. */
function tally(w: World) {
  const by = new Map<string, bigint>();
  const add = (key: string, fen: bigint) => by.set(key, (by.get(key) ?? 0n) + fen);
  for (const r of w.ledger) {
    check(r.amountFen >= 0n, 'ledger amounts are never negative', r.kind, r.amountFen);
    add(r.kind, r.amountFen);
    if (r.allocationId) add(`${r.allocationId}|${r.kind}`, r.amountFen);
    if (r.allocationId && (r.kind === 'match' || r.kind === 'unmatch')) add(`${r.allocationId}|${r.kind}|${r.note ?? ''}`, r.amountFen);
    if (r.projectId) add(`${r.projectId}|${r.kind}`, r.amountFen);
    if (r.projectId && r.kind === 'payment') add(`${r.projectId}|payment|${r.note}`, r.amountFen);
  }
  return (...key: string[]) => by.get(key.join('|')) ?? 0n;
}

function checkInvariants(w: World): void {
  const t = tally(w);

  // Per allocation: matched ≤ received = allocated, each earmark respected, the ledger explains the book.
  for (const a of w.allocations) {
    const allocated = t(a.id, 'allocation');
    const received = t(a.id, 'receipt');
    const net = t(a.id, 'match') - t(a.id, 'unmatch');
    check(allocated === a.book.amountFen, 'allocation row = allocated', a.id, allocated, a.book.amountFen);
    check(received === allocated, 'received = allocated', a.id, received, allocated);
    check(net === matchedFen(a.book), 'ledger matched = book matched', a.id, net, matchedFen(a.book));
    check(net >= 0n && net <= received, '0 ≤ matched ≤ received', a.id, net, received);
    check(unmatchedFen(a.book) === received - net, 'unmatched = received − matched', a.id);
    const netFor = (purpose: string | null) => t(a.id, 'match', purpose ?? '') - t(a.id, 'unmatch', purpose ?? '');
    for (const e of a.book.earmarks)
      check(netFor(e.purpose) <= e.amountFen, 'earmark respected', a.id, e.purpose, netFor(e.purpose), e.amountFen);
    check(netFor(null) <= generalPoolFen(a.book), 'general pool respected', a.id, netFor(null), generalPoolFen(a.book));
    const known = new Set<string | null>([null, ...a.book.earmarks.map((e) => e.purpose)]);
    check(
      a.book.matches.every((m) => known.has(m.purpose)),
      'only earmarks the allocation has are used',
      a.id,
    );
  }

  // Per project: paid ≤ matched ≤ budget, never ahead of progress, retention only once released.
  for (const p of w.projects) {
    const matched = t(p.id, 'match') - t(p.id, 'unmatch');
    const paid = t(p.id, 'payment');
    const paidAs = (kind: PaymentKind) => t(p.id, 'payment', kind);
    check(matched === activeMatchedFen(w, p.id), 'ledger matched = active matches', p.id, matched);
    check(paid === paidTotal(p), 'ledger paid = payments', p.id, paid, paidTotal(p));
    for (const kind of PAYMENT_KINDS) check(paidAs(kind) === p.paid[kind], 'ledger paid by kind', p.id, kind);
    check(paid <= matched, 'paid ≤ matched', p.id, paid, matched);
    check(matched <= p.budgetFen, 'matched ≤ budget', p.id, matched, p.budgetFen);
    // 超进度付款: progress payments ≤ contract × progress × (1 − rate), rounded down to the fen.
    const ceiling = progressCeilingFen(paymentBook(w, p));
    check(paidAs('progress') <= ceiling, 'progress paid ≤ contract × progress × (1 − rate)', p.id, paidAs('progress'), ceiling);
    check(
      paidAs('progress') + paidAs('final') <= payableBeforeWarrantyFen(p.contractFen, p.rate),
      'works paid ≤ contract − retention',
      p.id,
    );
    check(paidAs('progress') + paidAs('final') + paidAs('retention') <= p.contractFen, 'works + retention paid ≤ contract', p.id);
    check(p.accepted || paidAs('final') === 0n, 'no final payment before acceptance', p.id);
    check(p.released || paidAs('retention') === 0n, 'no retention payment before the warranty ends', p.id);
    // 质保金: held at acceptance to the fen (nothing lost to rounding), released once.
    const held = t(p.id, 'retention_held');
    const released = t(p.id, 'retention_released');
    check(held === (p.accepted ? retentionFen(p.contractFen, p.rate) : 0n), 'retention held at acceptance', p.id, held);
    check(released === (p.released ? held : 0n), 'retention released = held', p.id, released, held);
    check(!p.accepted || held + payableBeforeWarrantyFen(p.contractFen, p.rate) === p.contractFen, 'retention + payable = contract', p.id);
  }

  // The sum over every kind reconciles with the state, to the fen.
  const matches = allMatches(w).map(({ match }) => match);
  check(t('allocation') === sum(w.allocations.map((a) => a.book.amountFen)), 'Σ allocation');
  check(t('receipt') === t('allocation'), 'Σ receipt = Σ allocation');
  check(t('match') === sum(matches.map((m) => m.amountFen)), 'Σ match = every match ever made');
  check(t('unmatch') === sum(matches.filter((m) => !m.active).map((m) => m.amountFen)), 'Σ unmatch = matches withdrawn');
  check(t('payment') === sum(w.projects.map(paidTotal)), 'Σ payment');
  check(t('retention_held') === sum(w.projects.map((p) => p.heldFen)), 'Σ retention held');
  check(t('retention_released') === sum(w.projects.filter((p) => p.released).map((p) => p.heldFen)), 'Σ retention released');
  check(t('receipt') - (t('match') - t('unmatch')) === sum(w.allocations.map((a) => unmatchedFen(a.book))), 'Σ unmatched');
  check(t('match') - t('unmatch') - t('payment') >= 0n, 'Σ matched ≥ Σ paid');
  // One ledger row per match and per payment, each with its references.
  const matchRows = w.ledger.filter((r) => r.kind === 'match');
  check(matchRows.length === matches.length && matchRows.every((r) => r.matchId && r.allocationId && r.projectId), 'a match row per match');
  const unmatchRows = w.ledger.filter((r) => r.kind === 'unmatch');
  check(
    unmatchRows.length === matches.filter((m) => !m.active).length &&
      new Set(unmatchRows.map((r) => r.matchId)).size === unmatchRows.length,
    'one unmatch row per withdrawn match',
  );
  check(
    w.ledger.filter((r) => r.kind === 'payment').every((r) => r.paymentId !== null && r.projectId !== null),
    'payment rows name their payment',
  );
}

type Stats = Record<string, { ok: number; refused: number }>;

function run(config: Config, actions: Action[], stats?: Stats): World {
  const w = createWorld(config);
  checkInvariants(w);
  const written: string[] = w.ledger.map(snapshot);
  for (const action of actions) {
    const before = snapshot(w);
    const outcome = step(w, action);
    if (stats) {
      const key = action.type === 'pay' ? `pay:${action.kind}` : action.type;
      for (const k of new Set([action.type, key])) {
        stats[k] ??= { ok: 0, refused: 0 };
        stats[k][outcome.ok ? 'ok' : 'refused'] += 1;
      }
    }
    // A refused action changes nothing: not the ledger, not the state.
    if (!outcome.ok) check(snapshot(w) === before, `refused ${action.type} (${outcome.why}) changed the world`);
    // Append-only: what was written stays as written; rows are only ever added.
    check(w.ledger.length >= written.length, 'the ledger never shrinks');
    for (const [i, text] of written.entries()) check(snapshot(w.ledger[i]) === text, 'ledger rows never change', i);
    for (const r of w.ledger.slice(written.length)) written.push(snapshot(r));
    checkInvariants(w);
  }
  return w;
}

describe('ledger invariants under random action sequences (property)', () => {
  it('holds after every step: matched ≤ received = allocated, paid ≤ matched ≤ budget, no payment ahead of progress, totals reconcile', () => {
    const stats: Stats = {};
    fc.assert(
      fc.property(configArb, fc.array(actionArb, { minLength: 1, maxLength: 40, size: 'max' }), (config, actions) => {
        run(config, actions, stats);
      }),
      { numRuns: 200 },
    );
    // The sequences really exercised both sides of every rule.
    for (const type of ['match', 'unmatch', 'reportProgress', 'accept', 'pay']) {
      expect(stats[type]?.ok ?? 0).toBeGreaterThan(0);
      expect(stats[type]?.refused ?? 0).toBeGreaterThan(0);
    }
    expect(stats.releaseRetention?.ok ?? 0).toBeGreaterThan(0);
  });

  /**
   * Regression (found by this test, since fixed): after the warranty, checkPayment caps a payment of kind
   * "retention" at contract − (progress + final + retention paid), not at the retention held. Works
   * money left unpaid is then booked as retention, and a project held nothing (rate "0") still pays
   * "retention": the payments no longer reconcile with the retention_held / retention_released rows.
   * The random search above found it too; fixed in checkPayment, kept here as regression tests.
   */
  const retentionPaidWithinReleased = (rate: string) => {
    const w = run(
      {
        allocations: [
          { amountFen: 1_000_000n, earmark: null },
          { amountFen: 1n, earmark: null },
        ],
        projects: [
          { budgetFen: 1_000_000n, contractFen: 1_000_000n, rate },
          { budgetFen: 1n, contractFen: 1n, rate },
        ],
      },
      [
        { type: 'match', a: 0, p: 0, amount: { mode: 'raw', fen: 1_000_000n }, purpose: 'none' },
        { type: 'reportProgress', p: 0, percent: 100 },
        { type: 'accept', p: 0, result: 'pass' },
        { type: 'releaseRetention', p: 0 },
        // Nothing of the works was paid; the whole contract is offered as "retention".
        { type: 'pay', p: 0, kind: 'retention', amount: { mode: 'raw', fen: 1_000_000n } },
      ],
    );
    const [project] = w.projects;
    const released = sum(w.ledger.filter((r) => r.projectId === project.id && r.kind === 'retention_released').map((r) => r.amountFen));
    expect(project.paid.retention).toBeLessThanOrEqual(released);
  };
  it(
    'a "retention" payment stays within the retention released (rate 0.03: 30,000 fen held, 1,000,000 fen accepted)',
    () => retentionPaidWithinReleased('0.03'),
  );
  it('no "retention" payment when nothing was held (rate 0)', () => retentionPaidWithinReleased('0'));

  it('the invariant check is not vacuous: it catches a corrupted world', () => {
    const config: Config = {
      allocations: [
        { amountFen: 1_000n, earmark: { purpose: PURPOSES[0], amountFen: 200n } },
        { amountFen: 500n, earmark: null },
      ],
      projects: [
        { budgetFen: 900n, contractFen: 800n, rate: '0.03' },
        { budgetFen: 400n, contractFen: 400n, rate: '0' },
      ],
    };
    const funded = () =>
      run(config, [
        { type: 'match', a: 0, p: 0, amount: { mode: 'raw', fen: 800n }, purpose: 'none' },
        { type: 'reportProgress', p: 0, percent: 50 },
        { type: 'pay', p: 0, kind: 'progress', amount: { mode: 'raw', fen: 388n } },
      ]);
    expect(() => checkInvariants(funded())).not.toThrow();
    const corruptions: [string, (w: World) => void][] = [
      [
        'a payment beyond the matched money',
        (w) => (
          (w.projects[0].paid.household += 500n),
          w.ledger.push(row('payment', 500n, { projectId: 'project-0', paymentId: 'x', note: 'household' }))
        ),
      ],
      [
        'a payment ahead of progress',
        (w) => (
          (w.projects[0].paid.progress += 1n),
          w.ledger.push(row('payment', 1n, { projectId: 'project-0', paymentId: 'y', note: 'progress' }))
        ),
      ],
      [
        'a match row without its match',
        (w) => w.ledger.push(row('match', 1n, { allocationId: 'alloc-1', projectId: 'project-1', matchId: 'z' })),
      ],
      [
        'an allocation over-matched',
        (w) => w.allocations[1].book.matches.push({ id: 'm', projectId: 'project-1', amountFen: 501n, purpose: null, active: true }),
      ],
      ['a receipt that differs from the allocation', (w) => (w.ledger[1] = { ...w.ledger[1], amountFen: 999n })],
      [
        'retention released that was never held',
        (w) => ((w.projects[1].released = true), w.ledger.push(row('retention_released', 5n, { projectId: 'project-1' }))),
      ],
    ];
    for (const [what, corrupt] of corruptions) {
      const w = funded();
      corrupt(w);
      let caught = false;
      try {
        checkInvariants(w);
      } catch (error) {
        caught = /invariant broken/.test(String(error));
      }
      expect({ what, caught }).toEqual({ what, caught: true });
    }
  });

  it('replays a fixed scenario: two allocations, one earmarked, three projects through payment and retention', () => {
    const config = {
      allocations: [
        { amountFen: 100_000_001n, earmark: { purpose: PURPOSES[0], amountFen: 20_000_000n } },
        { amountFen: 50_000_000n, earmark: null },
      ],
      projects: [
        { budgetFen: 60_000_000n, contractFen: 55_500_001n, rate: '0.03' },
        { budgetFen: 40_000_000n, contractFen: 40_000_000n, rate: '0.05' },
        { budgetFen: 20_000_000n, contractFen: 20_000_000n, rate: '0' },
      ],
    };
    const w = run(config, [
      { type: 'match', a: 0, p: 0, amount: { mode: 'raw', fen: 60_000_001n }, purpose: 'none' }, // over budget: refused
      { type: 'match', a: 0, p: 0, amount: { mode: 'raw', fen: 60_000_000n }, purpose: 'none' },
      { type: 'match', a: 0, p: 2, amount: { mode: 'raw', fen: 20_000_001n }, purpose: 'earmark' }, // over the earmark: refused
      { type: 'match', a: 0, p: 2, amount: { mode: 'raw', fen: 20_000_000n }, purpose: 'earmark' },
      { type: 'match', a: 1, p: 1, amount: { mode: 'edge', bound: 1, delta: 0 }, purpose: 'none' },
      { type: 'reportProgress', p: 0, percent: 50 },
      { type: 'pay', p: 0, kind: 'progress', amount: { mode: 'edge', bound: 1, delta: 1 } }, // ahead of progress: refused
      { type: 'pay', p: 0, kind: 'progress', amount: { mode: 'edge', bound: 1, delta: 0 } },
      { type: 'unmatch', m: 0 }, // would leave paid > matched: refused
      { type: 'reportProgress', p: 0, percent: 100 },
      { type: 'accept', p: 0, result: 'pass' },
      { type: 'pay', p: 0, kind: 'final', amount: { mode: 'edge', bound: 1, delta: 0 } },
      { type: 'pay', p: 0, kind: 'retention', amount: { mode: 'raw', fen: 1n } }, // warranty not over: refused
      { type: 'releaseRetention', p: 0 },
      { type: 'pay', p: 0, kind: 'retention', amount: { mode: 'edge', bound: 1, delta: 0 } },
      { type: 'unmatch', m: 2 },
    ]);
    const [greenhouse, , well] = w.projects;
    expect(greenhouse).toMatchObject({
      completed: true,
      heldFen: 1_665_001n,
      paid: { progress: 26_917_500n, final: 26_917_500n, retention: 1_665_001n, household: 0n },
    });
    expect(paidTotal(greenhouse)).toBe(greenhouse.contractFen);
    expect(well.paid.household).toBe(0n);
    expect(w.ledger.map((r) => r.kind)).toEqual([
      'allocation',
      'receipt',
      'allocation',
      'receipt',
      'match',
      'match',
      'match',
      'payment',
      'retention_held',
      'payment',
      'retention_released',
      'payment',
      'unmatch',
    ]);
  });
});
