import { DEPARTMENTS, PROJECT_TYPES, PROJECT_TYPE_LABELS, type DepartmentCode, type ProjectType } from '../../../../../../libs/domain/src/project-types';
import { formatYuan, sumFen } from '../../../../../../libs/domain/src/money';
import { fenOrNull } from '../../../components/format';
import type { ApplicationBody } from '../../../services/project-actions';
import type { AttachmentRef, PerformanceTarget, ProjectRecord } from '../../../services/project-records';
import {
  TARGET_CATEGORIES as CATEGORY_CODES,
  TARGET_CATEGORY_LABELS,
  type TargetCategory,
  type TargetComparison,
  type TargetSubCategory,
} from '../../../../../../libs/domain/src/performance-targets';

/** A 绩效目标 row as the form holds it; a row of an older project may still lack its sub-category. */
export interface TargetValues {
  category: TargetCategory;
  subCategory?: TargetSubCategory;
  indicator: string;
  comparison?: TargetComparison;
  targetValue: string;
  unit: string;
}

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
  performanceTargets: TargetValues[];
  attachments: AttachmentRef[];
}

export const TYPE_OPTIONS = PROJECT_TYPES.map((value) => ({ value, label: PROJECT_TYPE_LABELS[value] }));
export const DEPARTMENT_OPTIONS = (Object.keys(DEPARTMENTS) as DepartmentCode[]).map((value) => ({ value, label: DEPARTMENTS[value] }));
export const TARGET_CATEGORIES: { value: TargetCategory; label: string }[] = CATEGORY_CODES.map((value) => ({ value, label: TARGET_CATEGORY_LABELS[value] }));

/** A stored row into the form; a free-text row of an older project keeps what could be read from its words. */
function targetValuesOf(t: PerformanceTarget): TargetValues {
  return {
    category: t.category as TargetCategory,
    subCategory: (t.subCategory ?? undefined) as TargetSubCategory | undefined,
    indicator: t.indicator,
    comparison: (t.comparison ?? undefined) as TargetComparison | undefined,
    targetValue: t.targetValue ?? '',
    unit: t.unit ?? '',
  };
}

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
    performanceTargets: p.performanceTargets.map(targetValuesOf),
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
    performanceTargets: (v.performanceTargets ?? []).map((t) => ({
      category: t.category,
      subCategory: t.subCategory as TargetSubCategory,
      indicator: trimmed(t.indicator),
      comparison: t.comparison as TargetComparison,
      targetValue: trimmed(t.targetValue),
      unit: trimmed(t.unit),
    })),
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
