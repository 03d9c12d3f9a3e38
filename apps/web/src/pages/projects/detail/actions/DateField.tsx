import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

/**
 * A calendar date kept as the API's YYYY-MM-DD string, so the form's values are what is sent; a
 * clerk may pick it or type it.
 */
export function DateField({
  value,
  onChange,
  id,
  disabled,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  disabled?: boolean;
}) {
  return (
    <DatePicker
      id={id}
      disabled={disabled}
      style={{ width: '100%' }}
      format="YYYY-MM-DD"
      value={value ? dayjs(value) : null}
      onChange={(d: Dayjs | null) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
    />
  );
}
