import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { daysLeft } from '../../../../libs/domain/src/calendar';
import { formatWan, isYuanString, parseYuan } from '../../../../libs/domain/src/money';

dayjs.extend(utc);
dayjs.extend(timezone);

const ZONE = 'Asia/Shanghai';

/** 2024-04-26, in Beijing time whatever the browser's zone. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(ZONE).format('YYYY-MM-DD') : '—';
}

/** 2024-04-26 09:30, in Beijing time. */
export function formatTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(ZONE).format('YYYY-MM-DD HH:mm') : '—';
}

/** A yuan decimal string with thousands separators, digit for digit (no float): "1600000.00" → "1,600,000.00". */
export function formatYuan(yuan: string | null | undefined): string {
  if (yuan === null || yuan === undefined || yuan === '') return '—';
  const negative = yuan.startsWith('-');
  const [whole, fraction = ''] = (negative ? yuan.slice(1) : yuan).split('.');
  return `${negative ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0')}`;
}

/** Yuan string → 万元 for display, trailing zeros dropped: "5635042.88" → "563.504288". */
export function yuanToWan(yuan: string | null | undefined): string {
  if (!yuan) return '—';
  const negative = yuan.startsWith('-');
  const body = negative ? yuan.slice(1) : yuan;
  if (!isYuanString(body)) return yuan;
  return `${negative ? '-' : ''}${formatWan(parseYuan(body)).replace(/\.?0+$/, '')}`;
}

/** Fen of a yuan string typed into a form, or null while it is not (yet) an amount. */
export function fenOrNull(yuan: unknown): bigint | null {
  return typeof yuan === 'string' && isYuanString(yuan.trim()) ? parseYuan(yuan.trim()) : null;
}

/** Days left until a due moment, as the API's own deadline rule counts them (negative once overdue). */
export function daysUntil(iso: string, now = new Date()): number {
  return daysLeft(now, new Date(iso));
}
