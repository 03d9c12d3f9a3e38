import type { ProjectRecord } from '../../../../services/project-records';

/** What every action dialog gets from the page. */
export interface DialogProps {
  project: ProjectRecord;
  onDone(): void;
  onCancel(): void;
}

/** Today in Beijing, as the API's dates are written. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

/** A YYYY-MM-DD date as the API takes it, checked before sending. */
export const dateRule = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式为 YYYY-MM-DD，如 2024-05-20' };
