import { formatYuan } from '../../../../libs/domain/src/money';
import { nextActor } from '../../../../libs/domain/src/lifecycle';
import { isStage, stageLabel } from '../../../../libs/domain/src/stages';
import { countyOf, townshipOf } from '../../../../libs/auth/src/scope';
import type { ProjectEntity } from '../../../../libs/persistence/src/entities/project.entity';

/** Who must act next and where, so a client can show "waiting for 贾庄乡". */
function nextActorOf(p: ProjectEntity) {
  if (!isStage(p.stage)) return null;
  const role = nextActor(p.stage);
  if (!role) return null;
  const regionCode =
    role === 'village' ? p.villageCode : role === 'township' ? townshipOf(p.villageCode) : role === 'system' || role === 'public' ? null : countyOf(p.villageCode);
  return { role, regionCode, department: role === 'department' ? p.departmentCode : null };
}

/** The JSON a client sees: money in yuan strings, the stage with its Chinese label. */
export function projectView(p: ProjectEntity) {
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
    fundingSources: p.fundingSources.map((f) => ({ source: f.source, amount: formatYuan(BigInt(f.amountFen)) })),
    beneficiaries: p.beneficiaries,
    farmerLink: p.farmerLink,
    performanceTargets: p.performanceTargets,
    attachments: p.attachments,
    nextActor: nextActorOf(p),
    dueAt: null as string | null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export type ProjectView = ReturnType<typeof projectView>;
