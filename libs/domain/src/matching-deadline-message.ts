import { deadlineText } from './calendar';
import { durationText } from './duration';
import { formatYuanGrouped } from './money';

/** What a county's matching clock says when it warns or marks overdue. */
export interface MatchingDeadlineNotice {
  kind: 'warning' | 'overdue';
  /** For a warning, the policy point it belongs to, e.g. P5D. */
  label: string;
  dueAt: string;
  unmatchedFen: string;
}

/** The notification's sentence, in the words and units the county's clerks use. */
export function matchingDeadlineMessage(notice: MatchingDeadlineNotice): string {
  const due = deadlineText(new Date(notice.dueAt));
  const unmatched = `尚有 ${formatYuanGrouped(BigInt(notice.unmatchedFen))} 元未落实到项目`;
  return notice.kind === 'warning'
    ? `资金匹配预警：匹配期限为 ${due}，距期限已不足${durationText(notice.label)}，${unmatched}`
    : `资金匹配逾期：已超过匹配期限 ${due}，${unmatched}`;
}
