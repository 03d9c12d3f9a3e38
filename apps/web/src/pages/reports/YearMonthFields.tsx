import { Form, Select } from 'antd';

const YEARS = Array.from({ length: 12 }, (_, i) => new Date().getFullYear() - i).map((y) => ({ value: y, label: `${y} 年` }));
const MONTHS = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1} 月` }));

/** 年度 and 月份 of a monthly report's filter form; `month` is `yyyy-mm`. */
export function YearMonthFields({ idPrefix, year, month, onChange }: { idPrefix: string; year: number; month: string; onChange: (change: { year?: number; month?: number }) => void }) {
  return (
    <>
      <Form.Item label="年度" htmlFor={`${idPrefix}-year`}>
        <Select id={`${idPrefix}-year`} value={year} options={YEARS} onChange={(y) => onChange({ year: y })} style={{ width: 110 }} />
      </Form.Item>
      <Form.Item label="月份" htmlFor={`${idPrefix}-month`}>
        <Select id={`${idPrefix}-month`} value={Number(month.slice(5))} options={MONTHS} onChange={(m) => onChange({ month: m })} style={{ width: 90 }} />
      </Form.Item>
    </>
  );
}
