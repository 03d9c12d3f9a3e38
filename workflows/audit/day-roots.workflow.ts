import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { AuditActivities } from '../../activities/audit/audit-activities.types';
import { addCalendarDays, shanghaiDate, startOfShanghaiDay } from '../../libs/domain/src/calendar';

const { sealDayRoots } = proxyActivities<AuditActivities>({
  startToCloseTimeout: '5 minutes',
  // PostgreSQL may be down at midnight: keep trying, the day's root is sealed once it is back.
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Days sealed before the history starts afresh, far below Temporal's history limits. */
const DAYS_PER_RUN = 31;

/**
 * 今日存证根: at each Shanghai midnight, seals every county's root over its chain heads, the day
 * named by the date that begins. A durable timer, so a worker that is down at midnight seals the
 * day when it is back. The first run seals the current day at once, so the public board has a root
 * from the day the chains begin; a day already sealed keeps its root.
 */
export async function dayRootsWorkflow(): Promise<void> {
  for (let i = 0; i < DAYS_PER_RUN; i += 1) {
    await sealDayRoots(shanghaiDate(new Date(Date.now())));
    const nextMidnight = startOfShanghaiDay(addCalendarDays(shanghaiDate(new Date(Date.now())), 1));
    await sleep(Math.max(nextMidnight.getTime() - Date.now(), 1));
  }
  await continueAsNew<typeof dayRootsWorkflow>();
}
