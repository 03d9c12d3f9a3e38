import { randomUUID } from 'node:crypto';
import { parseYuan } from '../../../../libs/domain/src/money';
import type { ProjectCommand } from '../../../../workflows/project/project.commands';
import type { AcceptanceDto, ChangeRequestDto, ProcurementDto, ProgressDto, ReviewDto } from './dto/project-actions.dto';
import { ApiError } from '../common/api-error';

/** Request bodies become workflow commands here: money into fen, ids generated, nothing else decided. */

export function reviewCommand(dto: ReviewDto): ProjectCommand {
  if (dto.decision === 'approve') return { action: 'approve', comment: dto.comment ?? null, meetingRef: dto.meetingRef ?? null };
  return { action: dto.decision, comment: dto.comment ?? '' };
}

export function procurementCommand(dto: ProcurementDto): ProjectCommand {
  return {
    action: 'record_procurement',
    procurement: { method: dto.method, winner: dto.winner, contractAmountFen: parseYuan(dto.contractAmount).toString(), contractDate: dto.contractDate },
  };
}

export function progressCommand(dto: ProgressDto): ProjectCommand {
  return { action: 'report_progress', percent: dto.percent, note: dto.note, reportedAt: dto.reportedAt };
}

export function changeCommand(dto: ChangeRequestDto): ProjectCommand {
  const proposed: Extract<ProjectCommand, { action: 'request_change' }>['change']['proposed'] = {};
  if (dto.totalBudget !== undefined) {
    const total = parseYuan(dto.totalBudget);
    const sources = (dto.fundingSources ?? []).map((f) => ({ source: f.source, amountFen: parseYuan(f.amount).toString() }));
    const sum = sources.reduce((acc, s) => acc + BigInt(s.amountFen), 0n);
    if (sum !== total) throw ApiError.unprocessable('变更后各资金来源金额之和须等于变更后的总投资', 'FUNDING_MISMATCH');
    proposed.totalBudgetFen = total.toString();
    proposed.fundingSources = sources;
  } else if (dto.fundingSources !== undefined) {
    // Well formed, but a budget change needs both halves: 422 like the sum that does not add up.
    throw ApiError.unprocessable('调整资金来源须同时填写变更后的总投资', 'FUNDING_MISMATCH');
  }
  if (dto.content !== undefined) proposed.content = dto.content;
  if (dto.scale !== undefined) proposed.scale = dto.scale;
  if (dto.place !== undefined) proposed.place = dto.place;
  return { action: 'request_change', change: { id: randomUUID(), kind: dto.kind, reason: dto.reason, proposed } };
}

export function acceptanceCommand(dto: AcceptanceDto): ProjectCommand {
  return {
    action: 'accept',
    result: dto.result,
    findings: dto.findings,
    acceptedAt: dto.acceptedAt,
    assets: dto.assets.map((a) => ({ name: a.name, kind: a.kind, valueFen: parseYuan(a.value).toString(), owner: a.owner, caretaker: a.caretaker })),
    targets: (dto.targets ?? []).map((t) => ({ achieved: t.achieved, met: t.met ?? null })),
  };
}
