import { normaliseAssetKind } from '../../../../libs/domain/src/asset-kinds';
import { formatYuan } from '../../../../libs/domain/src/money';
import { readTargetRow, scoreTargets } from '../../../../libs/domain/src/performance-targets';
import { isStage, stageLabel } from '../../../../libs/domain/src/stages';
import { taskLabel } from '../../../../libs/domain/src/tasks';
import type { ProjectEntity } from '../../../../libs/persistence/src/entities/project.entity';
import type { ProjectDetails } from '../../../../workflows/project/project.types';

const yuan = (fen: string | undefined | null) => (fen === undefined || fen === null ? null : formatYuan(BigInt(fen)));

/**
 * The process record for a client: money in yuan strings. An objector's contact details are for
 * the officials who must answer them, not for the applicant.
 */
function detailsView(d: Partial<ProjectDetails>, audience: 'applicant' | 'official') {
  return {
    returnedFrom: d.returnedFrom ?? null,
    negativeList: d.negativeList ?? null,
    library: d.library ?? null,
    publicity: d.publicity ?? null,
    objections: (d.objections ?? []).map((o) => (audience === 'official' ? o : { ...o, contact: undefined })),
    procurement: d.procurement ? { ...d.procurement, contractAmountFen: undefined, contractAmount: yuan(d.procurement.contractAmountFen) } : null,
    progress: d.progress ?? [],
    latestProgress: d.progress?.at(-1)?.percent ?? 0,
    changes: (d.changes ?? []).map((c) => ({
      ...c,
      proposed: {
        ...c.proposed,
        totalBudgetFen: undefined,
        totalBudget: yuan(c.proposed.totalBudgetFen),
        fundingSources: c.proposed.fundingSources?.map((f) => ({ source: f.source, amount: yuan(f.amountFen) })),
      },
      previous: c.previous
        ? {
            ...c.previous,
            totalBudgetFen: undefined,
            totalBudget: yuan(c.previous.totalBudgetFen),
            fundingSources: c.previous.fundingSources?.map((f) => ({ source: f.source, amount: yuan(f.amountFen) })),
          }
        : null,
    })),
    acceptanceRequestedAt: d.acceptanceRequestedAt ?? null,
    acceptances: (d.acceptances ?? []).map((a) => ({
      ...a,
      targets: a.targets ?? null,
      assets: a.assets.map((x) => ({ name: x.name, kind: normaliseAssetKind(x.kind), value: yuan(x.valueFen), owner: x.owner, caretaker: x.caretaker })),
    })),
  };
}

/** The score of the latest passed acceptance that recorded achieved values. */
function targetScoreOf(d: Partial<ProjectDetails>) {
  const accepted = (d.acceptances ?? []).filter((a) => a.result === 'pass' && a.targets).at(-1);
  return accepted?.targets ? { ...scoreTargets(accepted.targets), acceptedAt: accepted.acceptedAt } : null;
}

/** 资金来源 in yuan, as every view shows them. */
export function fundingSourcesView(p: ProjectEntity) {
  return p.fundingSources.map((f) => ({ source: f.source, amount: formatYuan(BigInt(f.amountFen)) }));
}

/** The JSON a client sees: money in yuan strings, the stage with its Chinese label, who acts next and by when. */
export function projectView(p: ProjectEntity, audience: 'applicant' | 'official' = 'official') {
  const details = p.details as Partial<ProjectDetails>;
  const task = details.task ?? null;
  return {
    id: p.id,
    name: p.name,
    type: p.type,
    stage: p.stage,
    stageLabel: isStage(p.stage) ? stageLabel(p.stage) : p.stage,
    villageCode: p.villageCode,
    countyCode: p.countyCode,
    departmentCode: p.departmentCode,
    place: p.place,
    content: p.content,
    scale: p.scale,
    totalBudget: formatYuan(BigInt(p.totalBudgetFen)),
    fundingSources: fundingSourcesView(p),
    beneficiaries: p.beneficiaries,
    farmerLink: p.farmerLink,
    performanceTargets: p.performanceTargets.map(readTargetRow),
    targetScore: targetScoreOf(details),
    attachments: p.attachments,
    nextActor: task
      ? { role: task.role, regionCode: task.regionCode, department: task.department, action: task.action, actionLabel: taskLabel(task.action) }
      : p.stage === 'draft'
        ? { role: 'village', regionCode: p.villageCode, department: null, action: 'submit', actionLabel: '提交申报' }
        : p.stage === 'publicity'
          ? { role: 'system', regionCode: null, department: null, action: 'publicity', actionLabel: '公示期满后自动进入实施' }
          : null,
    dueAt: task?.dueAt ?? null,
    libraryAt: p.libraryAt?.toISOString() ?? null,
    process: detailsView(details, audience),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export type ProjectView = ReturnType<typeof projectView>;
