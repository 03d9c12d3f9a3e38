import { attachmentKindLabel, type AttachmentKind } from './attachment-kinds';
import type { ProjectAction, Stage } from './stages';

/**
 * 必传附件的办理节点: the steps at which a county may insist on papers — the village's submission,
 * the county's approval of a project its standing meeting must decide, the recorded procurement and
 * the acceptance.
 */
export const ATTACHMENT_GATES = ['submit', 'countyMeeting', 'procurement', 'acceptance'] as const;

export type AttachmentGate = (typeof ATTACHMENT_GATES)[number];

/** 各节点必传的附件类别 */
export type RequiredAttachments = Record<AttachmentGate, AttachmentKind[]>;

export const GATE_LABELS: Record<AttachmentGate, string> = {
  submit: '提交申报',
  countyMeeting: '县级审定（须上会的项目）',
  procurement: '登记采购',
  acceptance: '竣工验收',
};

/** The gate an action passes through, if any; `meetingRequired` is the project's {@link needsMeetingRef}. */
export function gateOf(stage: Stage, action: ProjectAction, meetingRequired: boolean): AttachmentGate | null {
  if (action === 'submit') return 'submit';
  if (action === 'approve' && stage === 'county_review' && meetingRequired) return 'countyMeeting';
  if (action === 'record_procurement') return 'procurement';
  if (action === 'accept') return 'acceptance';
  return null;
}

/** The gates a project will still pass, in order, from its stage on: what its page marks 必传 now. */
export function gatesAhead(stage: Stage, meetingRequired: boolean): AttachmentGate[] {
  const gates: AttachmentGate[] = [];
  if (stage === 'draft' || stage === 'returned') gates.push('submit');
  if (['draft', 'returned', 'township_review', 'department_review', 'county_review'].includes(stage) && meetingRequired) gates.push('countyMeeting');
  if (['draft', 'returned', 'township_review', 'department_review', 'county_review', 'publicity', 'implementation'].includes(stage)) gates.push('procurement');
  if (['draft', 'returned', 'township_review', 'department_review', 'county_review', 'publicity', 'implementation', 'acceptance'].includes(stage)) gates.push('acceptance');
  return gates;
}

export interface Requirement {
  gate: AttachmentGate;
  kind: AttachmentKind;
  satisfied: boolean;
}

/** Each kind the policy requires at the given gates, and whether the project already holds one. */
export function requirements(required: RequiredAttachments, gates: readonly AttachmentGate[], present: ReadonlySet<string>): Requirement[] {
  return gates.flatMap((gate) => required[gate].map((kind) => ({ gate, kind, satisfied: present.has(kind) })));
}

/** The kinds missing for one gate, in the policy's order. */
export function missingKinds(required: RequiredAttachments, gate: AttachmentGate, present: ReadonlySet<string>): AttachmentKind[] {
  return required[gate].filter((kind) => !present.has(kind));
}

/** The refusal's words: which papers, by their Chinese names, before which step. */
export function missingMessage(gate: AttachmentGate, missing: readonly AttachmentKind[]): string {
  return `${GATE_LABELS[gate]}前须上传附件：${missing.map(attachmentKindLabel).join('、')}`;
}
