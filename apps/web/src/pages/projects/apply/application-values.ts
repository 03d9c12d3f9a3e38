import { DEPARTMENTS, PROJECT_TYPES, PROJECT_TYPE_LABELS, type DepartmentCode, type ProjectType } from '../../../../../../libs/domain/src/project-types';
import { formatYuan, sumFen } from '../../../../../../libs/domain/src/money';
import { fenOrNull } from '../../../components/format';
import type { ApplicationBody } from '../../../services/project-actions';
import type { AttachmentRef, PerformanceTarget, ProjectRecord } from '../../../services/project-records';

/** The form's values: what a clerk types, before it becomes a request. Counts stay empty until typed. */
export interface ApplicationValues {
  name: string;
  type: ProjectType;
  place: string;
  content: string;
  scale?: string;
  totalBudget: string;
  fundingSources: { source: string; amount: string }[];
  beneficiaries: { householdsLifted: number | null; householdsMonitored: number | null; people: number | null };
  farmerLink: string;
  departmentCode: DepartmentCode;
  performanceTargets: PerformanceTarget[];
  attachments: AttachmentRef[];
}

export const TYPE_OPTIONS = PROJECT_TYPES.map((value) => ({ value, label: PROJECT_TYPE_LABELS[value] }));
export const DEPARTMENT_OPTIONS = (Object.keys(DEPARTMENTS) as DepartmentCode[]).map((value) => ({ value, label: DEPARTMENTS[value] }));
export const TARGET_CATEGORIES: { value: PerformanceTarget['category']; label: string }[] = [
  { value: 'output', label: '产出指标' },
  { value: 'benefit', label: '效益指标' },
  { value: 'satisfaction', label: '满意度指标' },
];

export function blankApplication(place: string): Partial<ApplicationValues> {
  return {
    place,
    fundingSources: [{ source: '', amount: '' }],
    beneficiaries: { householdsLifted: null, householdsMonitored: null, people: null },
    performanceTargets: [],
    attachments: [],
  };
}

export function valuesOf(p: ProjectRecord): ApplicationValues {
  return {
    name: p.name,
    type: p.type as ProjectType,
    place: p.place,
    content: p.content,
    scale: p.scale ?? undefined,
    totalBudget: p.totalBudget,
    fundingSources: p.fundingSources.map((f) => ({ ...f })),
    beneficiaries: { ...p.beneficiaries },
    farmerLink: p.farmerLink,
    departmentCode: p.departmentCode as DepartmentCode,
    performanceTargets: p.performanceTargets.map((t) => ({ ...t })),
    attachments: p.attachments.map((a) => ({ ...a })),
  };
}

const trimmed = (s: string | undefined) => (s ?? '').trim();

/** The request body; the village is always the clerk's own. */
export function bodyOf(v: ApplicationValues, villageCode: string): ApplicationBody {
  const scale = trimmed(v.scale);
  return {
    name: trimmed(v.name),
    type: v.type,
    villageCode,
    place: trimmed(v.place),
    content: trimmed(v.content),
    ...(scale ? { scale } : {}),
    totalBudget: trimmed(v.totalBudget),
    fundingSources: (v.fundingSources ?? []).map((f) => ({ source: trimmed(f.source), amount: trimmed(f.amount) })),
    beneficiaries: {
      householdsLifted: v.beneficiaries.householdsLifted ?? 0,
      householdsMonitored: v.beneficiaries.householdsMonitored ?? 0,
      people: v.beneficiaries.people ?? 0,
    },
    farmerLink: trimmed(v.farmerLink),
    departmentCode: v.departmentCode,
    performanceTargets: (v.performanceTargets ?? []).map((t) => ({ category: t.category, indicator: trimmed(t.indicator), target: trimmed(t.target) })),
    attachments: (v.attachments ?? []).map((a) => ({ name: trimmed(a.name), url: trimmed(a.url) })),
  };
}

/** The live comparison of the funding rows with the total budget, in fen so it is exact. */
export interface FundingBalance {
  /** Null while some amount is not (yet) a valid yuan amount. */
  sourcesFen: bigint | null;
  budgetFen: bigint | null;
  sources: string;
  budget: string;
  balanced: boolean;
}

export function fundingBalance(totalBudget: unknown, rows: Array<{ amount?: unknown } | undefined> | undefined): FundingBalance {
  const amounts = (rows ?? []).map((r) => fenOrNull(r?.amount));
  const sourcesFen = amounts.some((a) => a === null) ? null : sumFen(amounts as bigint[]);
  const budgetFen = fenOrNull(totalBudget);
  return {
    sourcesFen,
    budgetFen,
    sources: sourcesFen === null ? '—' : formatYuan(sourcesFen),
    budget: budgetFen === null ? '—' : formatYuan(budgetFen),
    balanced: sourcesFen !== null && budgetFen !== null && sourcesFen === budgetFen,
  };
}

/** The API's field path ('fundingSources[0].amount') as the form's name path (['fundingSources', 0, 'amount']). */
export function namePathOf(field: string): (string | number)[] {
  return field
    .split(/\.|\[(\d+)\]/)
    .filter((part) => part !== undefined && part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The application fields the form has an input for; other field errors are shown in the page's message. */
export const FORM_FIELDS = new Set([
  'name',
  'type',
  'place',
  'content',
  'scale',
  'totalBudget',
  'fundingSources',
  'beneficiaries',
  'farmerLink',
  'departmentCode',
  'performanceTargets',
  'attachments',
]);
