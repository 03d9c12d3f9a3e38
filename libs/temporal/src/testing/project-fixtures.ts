import type { Actor, ApplicationData } from '../../../../workflows/project/project.types';

/**
 * The people and the project of the workflow tests and of the recorded histories: 朔城区's
 * greenhouse project of the seed notices, with the reviewers who move it.
 */
export const VILLAGE_CODE = '140602205901'; // 贾庄乡北曹村
export const TOWNSHIP_CODE = '140602205000';
export const COUNTY_CODE = '140602000000';
export const MEETING_REF = '朔城区政府常务会议纪要〔2024〕5号';

export const village: Actor = { userId: 'u-village1', name: '北曹村村委会', role: 'village', regionCode: VILLAGE_CODE };
export const township: Actor = { userId: 'u-township1', name: '贾庄乡', role: 'township', regionCode: TOWNSHIP_CODE };
export const department: Actor = {
  userId: 'u-department1',
  name: '农业农村局',
  role: 'department',
  regionCode: COUNTY_CODE,
  department: 'agriculture',
};
export const county: Actor = { userId: 'u-county1', name: '朔城区', role: 'county', regionCode: COUNTY_CODE };
export const citizen: Actor = { userId: null, name: '李四', role: 'public', regionCode: null };

/** 1 600 000.00 元 — above the default meetingRequiredAbove of 500 000.00 元. */
export function application(overrides: Partial<ApplicationData> = {}): ApplicationData {
  return {
    name: '蔬菜大棚改造工程',
    type: 'industry',
    villageCode: VILLAGE_CODE,
    countyCode: COUNTY_CODE,
    departmentCode: 'agriculture',
    place: '贾庄乡北曹村',
    content: '改造蔬菜大棚 20 座',
    scale: '20 座',
    totalBudgetFen: '160000000',
    fundingSources: [{ source: '市级衔接资金', amountFen: '160000000' }],
    beneficiaries: { householdsLifted: 12, householdsMonitored: 3, people: 45 },
    farmerLink: '吸纳脱贫户务工',
    performanceTargets: [],
    attachments: [],
    ...overrides,
  };
}
