import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import * as domain from './index';

describe('libs/domain public surface', () => {
  it('exports every module from one entry point', () => {
    for (const name of [
      'parseYuan',
      'parseWan',
      'formatYuan',
      'formatWan',
      'sumFen',
      'isYuanString',
      'MoneyFormatError',
      'parseDuration',
      'isDuration',
      'durationToMs',
      'addDuration',
      'DurationFormatError',
      'shanghaiDate',
      'startOfShanghaiDay',
      'calendarDayDeadline',
      'deadlineFromDuration',
      'daysLeft',
      'STAGES',
      'ROLES',
      'PROJECT_ACTIONS',
      'REVIEW_STAGES',
      'TRANSITIONS',
      'decide',
      'nextActor',
      'isTerminal',
      'stageLabel',
      'actionLabel',
      'DEFAULT_NEGATIVE_LIST',
      'matchNegativeList',
      'industryShare',
      'assessIndustryShare',
      'industryShareMinimum',
      'DEFAULT_POLICY',
      'validatePolicyPatch',
      'mergePolicies',
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });

  it('stays sandbox-safe: relative imports only, no clock, randomness or Node globals', () => {
    const sources = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    const problems: string[] = [];
    for (const file of sources) {
      const text = readFileSync(join(__dirname, file), 'utf8');
      for (const m of text.matchAll(/from\s+'([^']+)'/g)) {
        if (!m[1].startsWith('./')) problems.push(`${file}: imports ${m[1]}`);
      }
      for (const banned of [
        /\bDate\.now\b/,
        /new Date\(\)/,
        /\bMath\.random\b/,
        /\brequire\(/,
        /\bprocess\./,
        /\bcrypto\b/,
      ]) {
        if (banned.test(text)) problems.push(`${file}: uses ${banned.source}`);
      }
    }
    expect(sources.length).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  });
});
