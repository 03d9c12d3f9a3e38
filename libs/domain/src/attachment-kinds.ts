/**
 * 附件类别 — a closed list, so a county's required-attachment policy and the public board can name
 * kinds that every upload is sure to carry. `public` kinds are shown on the publicity board; the
 * others may hold names, signatures or prices that only the offices concerned should read.
 */
export const ATTACHMENT_KINDS = [
  { code: 'villagers_resolution', label: '村民代表大会决议', public: true },
  { code: 'township_opinion', label: '乡镇审核意见', public: false },
  { code: 'county_meeting_minutes', label: '县政府常务会议纪要', public: false },
  { code: 'implementation_plan', label: '实施方案', public: true },
  { code: 'procurement_documents', label: '招标/采购文件', public: true },
  { code: 'contract', label: '合同', public: false },
  { code: 'acceptance_report', label: '验收报告', public: true },
  { code: 'photo', label: '照片', public: true },
  { code: 'other', label: '其他', public: false },
] as const;

/** 附件类别代码 */
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number]['code'];

export const ATTACHMENT_KIND_CODES: readonly AttachmentKind[] = ATTACHMENT_KINDS.map((k) => k.code);

export function isAttachmentKind(value: unknown): value is AttachmentKind {
  return typeof value === 'string' && (ATTACHMENT_KIND_CODES as readonly string[]).includes(value);
}

export function attachmentKindLabel(kind: AttachmentKind): string {
  return ATTACHMENT_KINDS.find((k) => k.code === kind)!.label;
}

export function isPublicKind(kind: string): boolean {
  return ATTACHMENT_KINDS.some((k) => k.code === kind && k.public);
}
