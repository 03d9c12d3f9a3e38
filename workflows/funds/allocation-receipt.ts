import { deadlineFromDuration } from '../../libs/domain/src/calendar';
import { durationToMs, parseDuration } from '../../libs/domain/src/duration';
import { REFUSAL, refuse } from '../project/project.errors';
import type { ReceiveCommand } from './allocation.types';

export interface MatchingClock {
  dueAt: number;
  warnings: { label: string; at: number; sent: boolean }[];
}

/** 到账确认's deadline and warning points, from the policy the receipt carries; refuses what cannot be counted. */
export function matchingClockOf(command: ReceiveCommand): MatchingClock {
  if (Number.isNaN(Date.parse(command.receivedAt))) refuse(REFUSAL.invalidInput, '到账时间不合法');
  try {
    const dueAt = deadlineFromDuration(new Date(command.receivedAt), command.matchingDeadline).getTime();
    const warnings = command.matchingWarnings.map((w) => ({ label: w, at: dueAt - durationToMs(parseDuration(w)), sent: false }));
    return { dueAt, warnings };
  } catch {
    // Warnings count back from the deadline in days or hours; months have no fixed length to count back.
    return refuse(REFUSAL.invalidInput, `匹配期限或预警时点不合法（预警须以天、周或小时计）：${command.matchingDeadline} / ${command.matchingWarnings.join(',')}`);
  }
}
