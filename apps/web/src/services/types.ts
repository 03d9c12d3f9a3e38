/**
 * Shapes of the API's answers that the console reads. Request bodies come straight from the
 * generated document (`api-schema.d.ts`); these name the answers the pages render.
 */
import type { LoginRole, ProjectAction, Stage } from '../../../../libs/domain/src/stages';

export type { LoginRole, ProjectAction, Stage };

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: LoginRole;
  regionCode: string;
  department: string | null;
}

export interface Region {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'township' | 'village';
  parentCode: string | null;
}

export interface RegionWithAncestors extends Region {
  ancestors: Region[];
}

export interface FundingSource {
  source: string;
  amount: string;
}

export interface Beneficiaries {
  householdsLifted: number;
  householdsMonitored: number;
  people: number;
}

export interface NextActor {
  role: string;
  regionCode: string | null;
  department: string | null;
  action: string;
  actionLabel: string;
}

export interface ProjectSummary {
  id: string;
  name: string;
  type: string;
  stage: Stage;
  stageLabel: string;
  villageCode: string;
  countyCode: string;
  departmentCode: string;
  place: string;
  content: string;
  scale: string | null;
  totalBudget: string;
  fundingSources: FundingSource[];
  beneficiaries: Beneficiaries;
  farmerLink: string;
  performanceTargets: unknown[];
  attachments: unknown[];
  nextActor: NextActor | null;
  dueAt: string | null;
  libraryAt: string | null;
  process: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectDetail extends ProjectSummary {
  allowedActions: ProjectAction[];
}

export interface OpenTask {
  projectId: string;
  projectName: string;
  place: string;
  villageCode: string;
  totalBudget: string;
  stage: Stage;
  stageLabel: string;
  action: string;
  actionLabel: string;
  openedAt: string;
  dueAt: string | null;
  overdue: boolean;
  remindedAt: string | null;
}

export interface DoneTask {
  projectId: string;
  projectName: string;
  place: string;
  villageCode: string;
  totalBudget: string;
  action: string;
  actionLabel: string;
  fromStage: Stage | null;
  toStage: Stage;
  at: string;
  comment: string | null;
}

export interface PublicityNotice {
  id: string;
  name: string;
  type: string;
  place: string;
  content: string;
  scale: string | null;
  totalBudget: string;
  fundingSources: FundingSource[];
  beneficiaries: Beneficiaries;
  farmerLink: string;
  villageCode: string;
  periodStart: string;
  periodEnd: string;
  howToObject: string;
}
