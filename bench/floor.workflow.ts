import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/** The floor: an Update that does nothing, on a workflow that does nothing, on the same server. */
export const pingUpdate = defineUpdate<number, [number]>('ping');

export async function floorWorkflow(): Promise<void> {
  let count = 0;
  setHandler(pingUpdate, (n: number) => {
    count += 1;
    return n;
  });
  await condition(() => count < 0);
}
