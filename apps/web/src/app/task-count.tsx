import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { openTasks } from '../services/tasks';
import type { LoginRole } from '../services/types';

interface TaskCount {
  count: number | null;
  refresh(): void;
}

const TaskCountContext = createContext<TaskCount>({ count: null, refresh: () => undefined });

export const useTaskCount = () => useContext(TaskCountContext);

const HAS_INBOX: readonly LoginRole[] = ['village', 'township', 'department', 'county', 'finance'];

/** The number of open tasks in the menu badge: read at start, after every action, and each minute. */
export function TaskCountProvider({ role, children }: { role: LoginRole; children: ReactNode }) {
  const [count, setCount] = useState<number | null>(null);
  const refresh = useCallback(() => {
    if (!HAS_INBOX.includes(role)) return;
    openTasks(1, 1).then(
      (page) => setCount(page.total),
      () => undefined,
    );
  }, [role]);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, 60_000);
    return () => clearInterval(timer);
  }, [refresh]);
  return <TaskCountContext.Provider value={{ count, refresh }}>{children}</TaskCountContext.Provider>;
}
