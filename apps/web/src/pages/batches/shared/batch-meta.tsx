import { Tag } from 'antd';
import type { BatchLevel } from '../../../services/funds';

export const LEVELS: readonly BatchLevel[] = ['central', 'province', 'city', 'county'];

export const LEVEL_LABELS: Record<BatchLevel, string> = { central: '中央', province: '省级', city: '市级', county: '县级' };

const LEVEL_COLORS: Record<BatchLevel, string> = { central: 'red', province: 'volcano', city: 'blue', county: 'green' };

/** 资金级次 as a coloured tag, never the raw code. */
export function LevelTag({ level }: { level: string }) {
  const known = (LEVELS as readonly string[]).includes(level) ? (level as BatchLevel) : null;
  return <Tag color={known ? LEVEL_COLORS[known] : 'default'}>{known ? LEVEL_LABELS[known] : level}</Tag>;
}

export const LEVEL_OPTIONS = LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }));

/** Years a filter or a form offers: from 2018 (the bridging funds' forerunners) to next year. */
export function yearOptions(now = new Date()): { value: number; label: string }[] {
  const last = now.getFullYear() + 1;
  return Array.from({ length: last - 2017 }, (_, i) => last - i).map((y) => ({ value: y, label: `${y} 年` }));
}
