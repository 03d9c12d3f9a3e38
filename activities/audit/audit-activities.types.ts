/** What the day-roots workflow asks of the database. */
export interface AuditActivities {
  /** Seals `day` (YYYY-MM-DD, Shanghai) for every county; a county already sealed that day keeps its root. Returns how many were sealed now. */
  sealDayRoots(day: string): Promise<number>;
}
