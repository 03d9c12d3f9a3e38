/** 项目类型; `industry` (产业发展) counts toward the industry share. */
export const PROJECT_TYPES = ['industry', 'infrastructure', 'livelihood', 'employment', 'other'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

/** 项目类型 in the words of the notices' project tables. */
export const PROJECT_TYPE_LABELS: Readonly<Record<ProjectType, string>> = {
  industry: '产业发展',
  infrastructure: '基础设施',
  livelihood: '民生保障',
  employment: '就业帮扶',
  other: '其他',
};

/** 行业主管部门: the sector codes a department user and a project's department refer to. */
export const DEPARTMENTS = {
  agriculture: '农业农村局',
  water: '水利局',
  housing: '住房和城乡建设局',
  hrss: '人力资源和社会保障局',
  transport: '交通运输局',
  forestry: '林业局',
  education: '教育局',
  health: '卫生健康局',
  culture_tourism: '文化和旅游局',
  commerce: '商务局',
} as const;
export type DepartmentCode = keyof typeof DEPARTMENTS;

export function isDepartmentCode(value: unknown): value is DepartmentCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DEPARTMENTS, value);
}
