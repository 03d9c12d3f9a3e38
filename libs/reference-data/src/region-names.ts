import { REGIONS, RegionLevel, RegionRecord } from './regions';

/** Levels from the top down, with the number of significant code digits of each. */
export const REGION_LEVELS: readonly RegionLevel[] = Object.freeze([
  'province',
  'city',
  'county',
  'township',
  'village',
] as const);

const PREFIX_LENGTH: Readonly<Record<RegionLevel, number>> = Object.freeze({
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
});

const CODE_PATTERN = /^\d{12}$/;

/** Whitespace of every kind (\s covers U+3000, NBSP, U+2000–U+200A…) plus zero-width marks. */
const LAYOUT_SPACE = /[\s\u200b-\u200d\u2060\ufeff]+/gu;

/**
 * Normalises a region name as written in a notice: applies NFKC (full-width forms,
 * compatibility ideographs) and strips all whitespace, including the full-width space
 * U+3000 and the layout spaces of typeset tables, so `盂 县` → `盂县`.
 */
export function normaliseRegionName(s: string): string {
  return s.normalize('NFKC').replace(LAYOUT_SPACE, '');
}

/** True for a well-formed 12-digit code. */
export function isRegionCode(code: string): boolean {
  return CODE_PATTERN.test(code);
}

function assertCode(code: string): void {
  if (!isRegionCode(code)) {
    throw new RangeError(`区划代码必须是 12 位数字: ${JSON.stringify(code)}`);
  }
}

/**
 * Level implied by a code's trailing zeros: a non-zero village segment is a village,
 * else a non-zero township segment a township, and so on up to the province.
 */
export function levelOfCode(code: string): RegionLevel {
  assertCode(code);
  if (code.slice(9, 12) !== '000') return 'village';
  if (code.slice(6, 9) !== '000') return 'township';
  if (code.slice(4, 6) !== '00') return 'county';
  if (code.slice(2, 4) !== '00') return 'city';
  return 'province';
}

/** Significant prefix of a code by its level: province 2 digits, city 4, county 6, township 9, village 12. */
export function regionPrefix(code: string): string {
  return code.slice(0, PREFIX_LENGTH[levelOfCode(code)]);
}

/** Prefix test: whether `code` lies inside `ancestorCode` (inclusive — a code is within itself). */
export function isWithin(code: string, ancestorCode: string): boolean {
  assertCode(code);
  return code.startsWith(regionPrefix(ancestorCode));
}

export interface ResolveOptions {
  /** Only records strictly inside this region (any depth below it) are considered. */
  parentCode?: string;
  /** Only records of this level are considered. */
  level?: RegionLevel;
}

export interface RegionResolver {
  resolve(name: string, options?: ResolveOptions): RegionRecord | undefined;
  byCode(code: string): RegionRecord | undefined;
}

/** Every name a record answers to, normalised. */
function namesOf(record: RegionRecord): string[] {
  const names = [record.name];
  if (record.officialName !== undefined) names.push(record.officialName);
  if (record.aliases !== undefined) names.push(...record.aliases);
  return [...new Set(names.map(normaliseRegionName))].filter((n) => n.length > 0);
}

/**
 * Builds a resolver over a list of records. Exported so that callers (and tests) can
 * resolve against another list; the module-level helpers use REGIONS.
 */
export function createRegionResolver(records: readonly RegionRecord[]): RegionResolver {
  const byName = new Map<string, RegionRecord[]>();
  const byCodeMap = new Map<string, RegionRecord>();
  for (const record of records) {
    byCodeMap.set(record.code, record);
    for (const n of namesOf(record)) {
      const list = byName.get(n);
      if (list) list.push(record);
      else byName.set(n, [record]);
    }
  }

  const fits = (record: RegionRecord, options: ResolveOptions): boolean =>
    (options.level === undefined || record.level === options.level) &&
    (options.parentCode === undefined ||
      (record.code !== options.parentCode && isWithin(record.code, options.parentCode)));

  const resolveKey = (key: string, options: ResolveOptions): RegionRecord | undefined => {
    const direct = (byName.get(key) ?? []).filter((r) => fits(r, options));
    if (direct.length === 1) return direct[0];
    // Several records answer to this name (e.g. 城区 in different cities): the caller
    // must narrow with parentCode, or write the parent's name in front.
    if (direct.length > 1) return undefined;

    // Composite name such as 朔城区贾庄乡 or 山西省朔州市朔城区: peel a leading ancestor
    // name and resolve the rest inside it. The answer must be unique across all splits.
    const found = new Map<string, RegionRecord>();
    for (let i = 1; i < key.length; i++) {
      const head = byName.get(key.slice(0, i));
      if (!head) continue;
      for (const ancestor of head) {
        let scope = ancestor.code;
        if (options.parentCode !== undefined) {
          if (isWithin(options.parentCode, ancestor.code)) scope = options.parentCode;
          else if (!isWithin(ancestor.code, options.parentCode)) continue;
        }
        const rest = resolveKey(key.slice(i), { level: options.level, parentCode: scope });
        if (rest) found.set(rest.code, rest);
      }
    }
    return found.size === 1 ? found.values().next().value : undefined;
  };

  return {
    resolve(name: string, options: ResolveOptions = {}): RegionRecord | undefined {
      if (options.parentCode !== undefined) assertCode(options.parentCode);
      const key = normaliseRegionName(name);
      return key.length === 0 ? undefined : resolveKey(key, options);
    },
    byCode(code: string): RegionRecord | undefined {
      return byCodeMap.get(code);
    },
  };
}

const defaultResolver = createRegionResolver(REGIONS);

/**
 * Resolves a region name (normalised first) to its record in REGIONS.
 * Returns undefined when nothing matches or when the match is not unique under the
 * given parent; names shared by several regions need `parentCode` (or the parent's
 * name written in front, e.g. `朔城区贾庄乡`).
 */
export function resolveRegionName(
  name: string,
  options?: { parentCode?: string; level?: RegionLevel },
): RegionRecord | undefined {
  return defaultResolver.resolve(name, options);
}

/** The record with this exact code in REGIONS, if any. */
export function getRegionByCode(code: string): RegionRecord | undefined {
  return defaultResolver.byCode(code);
}
