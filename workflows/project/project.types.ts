import type { AssetKind, LegacyAssetKind } from '../../libs/domain/src/asset-kinds';
import type { NegativeListHit } from '../../libs/domain/src/negative-list';
import type { PerformanceTarget, TargetResult } from '../../libs/domain/src/performance-targets';
import type { Policy } from '../../libs/domain/src/policy';
import type { Role, Stage } from '../../libs/domain/src/stages';
import type { TaskAction, TaskSpec } from '../../libs/domain/src/tasks';
import type { JointReview, TaskUser } from '../../libs/domain/src/approval-operations';

/** The person (or timer, or member of the public) behind an action, as the API authenticated them. */
export interface Actor {
  userId: string | null;
  name: string;
  role: Role;
  regionCode: string | null;
  department?: string | null;
}

/** 申报内容: what the village fills in; money in fen as decimal strings. */
export interface ApplicationData {
  name: string;
  type: string;
  villageCode: string;
  countyCode: string;
  departmentCode: string;
  place: string;
  content: string;
  scale: string | null;
  totalBudgetFen: string;
  fundingSources: { source: string; amountFen: string }[];
  beneficiaries: { householdsLifted: number; householdsMonitored: number; people: number };
  farmerLink: string;
  /** 绩效目标表; projects applied before it was structured hold free-text rows, read by `readTargetRow`. */
  performanceTargets: Array<PerformanceTarget | LegacyPerformanceTarget>;
  attachments: unknown[];
}

/** A free-text 绩效目标 row as villages entered it before the table was structured. */
export interface LegacyPerformanceTarget {
  category: string;
  indicator: string;
  target: string;
}

/** 异议: raised by anyone during publicity; contact details are shown to the county only. */
export interface ObjectionRecord {
  id: string;
  name: string;
  contact: string;
  content: string;
  raisedAt: string;
  status: 'open' | 'upheld' | 'dismissed' | 'closed';
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}

/** 变更申请: a change after approval, which needs the county's approval of its own. */
export interface ChangeRecord {
  id: string;
  kind: 'budget' | 'scope' | 'place';
  reason: string;
  proposed: { totalBudgetFen?: string; fundingSources?: { source: string; amountFen: string }[]; content?: string; scale?: string | null; place?: string };
  requestedAt: string;
  status: 'pending' | 'approved' | 'refused';
  decidedAt: string | null;
  decidedBy: string | null;
  comment: string | null;
  /** The application fields the approved change replaced, kept for the record. */
  previous: Partial<ApplicationData> | null;
}

/** 采购与合同 */
export interface ProcurementRecord {
  method: string;
  winner: string;
  contractAmountFen: string;
  contractDate: string;
  recordedAt: string;
}

/** 进度报告 */
export interface ProgressRecord {
  percent: number;
  note: string;
  reportedAt: string;
}

/** 资产确权移交: an asset the project formed, handed to an owner and a caretaker. */
export interface AssetRecord {
  name: string;
  /** A code; projects accepted before the codes hold the Chinese word in their history, which readers normalise. */
  kind: AssetKind | LegacyAssetKind;
  valueFen: string;
  owner: string;
  caretaker: string;
}

/** 验收记录 */
export interface AcceptanceRecord {
  result: 'pass' | 'fail';
  findings: string;
  acceptedAt: string;
  assets: AssetRecord[];
  recordedAt: string;
  /** 绩效目标完成情况, row by row; absent on acceptances recorded before values were taken. */
  targets?: TargetResult[];
}

/** 拨付记录 */
export interface PaymentRecord {
  id: string;
  kind: 'progress' | 'final' | 'retention' | 'household';
  amountFen: string;
  paidAt: string;
  recordedAt: string;
  households: number;
}

/** 一卡通 household line of a household-subsidy payment. */
export interface HouseholdLine {
  householdId: string;
  name: string;
  account: string;
  item: string;
  amountFen: string;
}

/** 质保金: held at acceptance, payable when the warranty period (policy at acceptance) has passed. */
export interface RetentionRecord {
  rate: string;
  heldFen: string;
  warrantyPeriod: string;
  releaseAt: string;
  releasedAt: string | null;
}

/** A money movement for the ledger, written with the step that causes it. */
export interface LedgerLine {
  kind: 'retention_held' | 'retention_released';
  amountFen: string;
  note: string;
}

/** The open task of the project, with its deadline and reminder as computed when it opened. */
export interface OpenTask extends TaskSpec {
  /** The step that opened it; the inbox row and its deadline events are keyed by it. */
  openedSeq: number;
  regionCode: string;
  department: string | null;
  openedAt: string;
  dueAt: string | null;
  remindAt: string | null;
  /** 转办/改派: only this user may act on the task; absent or null, anyone of the role, region and department. */
  assignee?: TaskUser | null;
  /** 委派: the task waits on this colleague's opinion before its owner decides. */
  delegate?: (TaskUser & { at: string; comment: string }) | null;
  /** Opinions delegates gave on this task, for the owner to decide with. */
  opinions?: Array<TaskUser & { opinion: string; at: string }>;
  /** 催办: the last reminder someone sent about this task. */
  urge?: { by: string; at: string; comment: string | null; count: number } | null;
  /** 会签: the departments still to approve, when several review the project. */
  departments?: string[] | null;
}

/** 抄送: someone kept informed about the project without a task of their own. */
export interface CcRecord extends TaskUser {
  by: string;
  at: string;
  comment: string | null;
}

/**
 * 流程记录: the process facts the workflow keeps and the read model shows — everything about the
 * project beyond its application and stage.
 */
export interface ProjectDetails {
  returnedFrom: Stage | null;
  negativeList: { hits: NegativeListHit[]; clearedBy: string | null; clearedAt: string | null; clearReason: string | null } | null;
  library: { approvedAt: string; meetingRef: string | null } | null;
  publicity: { startAt: string; endAt: string; period: string } | null;
  objections: ObjectionRecord[];
  procurement: ProcurementRecord | null;
  progress: ProgressRecord[];
  changes: ChangeRecord[];
  acceptanceRequestedAt: string | null;
  acceptances: AcceptanceRecord[];
  payments: PaymentRecord[];
  /** Households already paid, as `householdId|item|year`: 一卡通 pays each at most once. */
  householdsPaid: string[];
  retention: RetentionRecord | null;
  task: OpenTask | null;
  /** 会签进度; absent on projects that reached department review before joint review existed. */
  jointReview?: JointReview | null;
  /** 抄送 */
  ccs?: CcRecord[];
  /** 终止: an administrator ended the project. */
  termination?: { by: string; at: string; reason: string } | null;
}

export interface ProjectStatus {
  projectId: string;
  stage: Stage;
  /** Increases with every recorded step; read models ignore writes older than what they hold. */
  version: number;
}

/**
 * What an update answers: where the project now stands, and the steps taken since the caller's
 * `recordedVersion`, which the caller writes to PostgreSQL before it answers its own client. A
 * caller that dies before writing loses nothing: its step intent leads the worker's sweeper to the
 * workflow, which keeps the steps until a caller confirms them (libs/persistence step-intents.ts).
 */
export interface ProjectOutcome extends ProjectStatus {
  steps: ProjectStep[];
}

/** One step of the process; the projection, the audit row, the inbox and the ledger are written from it, idempotently. */
export interface ProjectStep {
  projectId: string;
  seq: number;
  at: string;
  actor: Actor;
  action: string;
  fromStage: Stage | null;
  toStage: Stage;
  comment: string | null;
  details: Record<string, unknown> | null;
  application: ApplicationData;
  process: ProjectDetails;
  createdBy?: string;
  ledger?: LedgerLine[];
}

/** A payment for the activity that checks it against the database and writes it with its ledger line. */
export interface PaymentInstruction {
  projectId: string;
  countyCode: string;
  payment: { id: string; kind: PaymentRecord['kind']; amountFen: string; paidAt: string; households: HouseholdLine[] };
  /** The total of works payments (progress, final, retention) may not exceed this afterwards. */
  worksCeilingFen: string;
  actor: Actor;
  at: string;
}

/** A deadline event of the open task, recorded by the workflow's timers. */
export interface TaskDeadlineEvent {
  projectId: string;
  openedSeq: number;
  kind: 'reminded' | 'overdue';
  at: string;
}

export type { Policy, TaskAction };
