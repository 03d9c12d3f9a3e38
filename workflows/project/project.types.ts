import type { Role, Stage } from '../../libs/domain/src/stages';

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
  performanceTargets: unknown[];
  attachments: unknown[];
}

export interface ProjectStatus {
  projectId: string;
  stage: Stage;
  /** Increases with every recorded step; read models ignore writes older than what they hold. */
  version: number;
}

/** One recorded step: the activity writes the projection and the audit row from it, idempotently. */
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
  /** Present when the step writes the application itself (creation, edits, approved changes). */
  application?: ApplicationData;
  createdBy?: string;
}
