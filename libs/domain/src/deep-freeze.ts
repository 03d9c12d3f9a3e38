/**
 * Freezes shared defaults so that a caller editing "its" policy cannot silently change the defaults
 * every other region and workflow reads.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
