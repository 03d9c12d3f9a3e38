import { ValidateBy, ValidationOptions } from 'class-validator';
import { isDateString } from '../../../../libs/domain/src/calendar';

/** The shape {@link IsCalendarDate} accepts, for the OpenAPI document (the day must also exist). */
export const CALENDAR_DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

/** A calendar date written YYYY-MM-DD that exists (no 2024-02-30, no week or month-only forms). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isDateString(value),
        defaultMessage: (args) => `${args?.property} 须为 YYYY-MM-DD 格式的日期`,
      },
    },
    options,
  );
}
