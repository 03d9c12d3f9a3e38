import { formatYuan, parseYuan } from '../../../domain/src/money';
import { POLICY_KEYS, validatePolicyPatch, type Policy, type PolicyFieldError, type PolicyKey } from '../../../domain/src/policy';

/**
 * 政策修改: the keys a change sets, and the keys it removes from a region's stored patch so that the
 * region inherits them again from its ancestors (or the defaults). A key sent as `null` means
 * "remove"; without that, an override once set could never be withdrawn — setting it to the
 * parent's current value is not the same, since it would not follow later changes of the parent.
 */
export interface PolicyUpdate {
  set: Partial<Policy>;
  remove: PolicyKey[];
}

export type PolicyUpdateParse = { ok: true; value: PolicyUpdate } | { ok: false; errors: PolicyFieldError[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPolicyKey(key: string): key is PolicyKey {
  return (POLICY_KEYS as readonly string[]).includes(key);
}

/**
 * Splits a change as sent (a JSON object with any subset of the policy keys, `null` for "remove")
 * into validated values and removals. Unknown keys are refused, with or without null. Money is
 * stored canonically with two decimals ("1000000" → "1000000.00"), as the API shows every amount.
 */
export function parsePolicyUpdate(input: unknown): PolicyUpdateParse {
  if (!isPlainObject(input)) return { ok: false, errors: [{ field: '', message: '政策参数须为对象' }] };
  const remove: PolicyKey[] = [];
  // No prototype: a key named __proto__ must stay an (unknown) key, not reach Object.prototype.
  const rest: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const errors: PolicyFieldError[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value !== null) rest[key] = value;
    else if (isPolicyKey(key)) remove.push(key);
    else errors.push({ field: key, message: `未知的策略项：${key}` });
  }
  const validated = validatePolicyPatch(rest);
  if (!validated.ok) errors.push(...validated.errors);
  if (errors.length > 0 || !validated.ok) return { ok: false, errors };
  const set = validated.value;
  if (set.meetingRequiredAbove !== undefined) set.meetingRequiredAbove = formatYuan(parseYuan(set.meetingRequiredAbove));
  return { ok: true, value: { set, remove } };
}

/** The change as recorded in the history: set keys with their values, removed keys as null. */
export function describePolicyUpdate(update: PolicyUpdate): Record<string, unknown> {
  const change: Record<string, unknown> = { ...update.set };
  for (const key of update.remove) change[key] = null;
  return change;
}
