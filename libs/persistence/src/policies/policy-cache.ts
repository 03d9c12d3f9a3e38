import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Policy } from '../../../domain/src/policy';
import { effectivePolicy, POLICY_CHANGED_CHANNEL } from './policy-store';

/** How long a lost connection waits before listening again; nothing is cached meanwhile. */
const RECONNECT_MS = 5_000;

/**
 * 有效政策 per region, kept in memory: every project action carries the policy of its village to the
 * workflow, and policies change a few times a year. A change is announced with NOTIFY when it
 * commits (savePolicyPatch), and every process listening empties its cache, so a change made through
 * any API replica applies to the next action everywhere. Nothing is cached while the listening
 * connection is down, so a missed announcement can never leave an old policy in force.
 */
export class PolicyCache {
  private readonly entries = new Map<string, Policy>();
  /** Bumped at every change; a read that overlapped one does not keep its result. */
  private epoch = 0;
  private listener: Client | null = null;
  private listening = false;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly databaseUrl: string,
  ) {}

  async forRegion(regionCode: string): Promise<Policy> {
    const hit = this.entries.get(regionCode);
    if (hit) return hit;
    const epoch = this.epoch;
    const { policy } = await effectivePolicy(this.db, regionCode);
    if (this.listening && epoch === this.epoch) this.entries.set(regionCode, policy);
    return policy;
  }

  /** Starts listening; a failure only means no caching until a later attempt succeeds. */
  async start(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.databaseUrl });
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = null;
      this.listening = false;
      this.forget();
      client.end().catch(() => undefined);
      this.scheduleRetry();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => this.forget());
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${POLICY_CHANGED_CHANNEL}`);
      // Anything read before listening may predate a change it did not hear of.
      this.forget();
      this.listening = this.listener === client;
    } catch {
      lost();
    }
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.listener;
    this.listener = null;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  /** Empties the cache; the process that saved a change calls it at once, before any notice arrives. */
  forget(): void {
    this.epoch += 1;
    this.entries.clear();
  }

  private scheduleRetry(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.start();
    }, RECONNECT_MS);
    this.retry.unref();
  }
}
