import { FILE_TYPES, type FileType } from '../../../../../libs/domain/src/file-types';
import type { AttachmentRequirement } from '../../services/attachments';

/** 1536 → "1.5 KB": enough to tell a scan from a photo. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** The file chooser's filter: the extensions of the types the policy allows (the API still judges by content). */
export function acceptOf(types: readonly string[]): string {
  return types
    .filter((t): t is FileType => t in FILE_TYPES)
    .flatMap((t) => (t === 'jpeg' ? ['.jpg', '.jpeg'] : [`.${FILE_TYPES[t].extension}`]))
    .join(',');
}

export function typesText(types: readonly string[]): string {
  return types
    .filter((t): t is FileType => t in FILE_TYPES)
    .map((t) => FILE_TYPES[t].label)
    .join('、');
}

/** "村民代表大会决议（提交申报前）、合同（登记采购时）" for what is still missing. */
export function missingText(requirements: readonly AttachmentRequirement[]): string {
  return requirements
    .filter((r) => !r.satisfied)
    .map((r) => `${r.kindLabel}（${r.gateLabel}前）`)
    .join('、');
}
