import { parseYuan } from './money';

/**
 * 县政府常务会议: a large industry project is decided by the county government's standing meeting,
 * so the county's approval must cite its minutes. One function, so the workflow that refuses an
 * approval without them and the page that asks for them cannot disagree.
 */
export function needsMeetingRef(type: string, totalBudgetFen: bigint, meetingRequiredAbove: string): boolean {
  return type === 'industry' && totalBudgetFen > parseYuan(meetingRequiredAbove);
}
