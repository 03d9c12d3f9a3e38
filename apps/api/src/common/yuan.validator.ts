import { ValidateBy, ValidationOptions } from 'class-validator';
import { isYuanString } from '../../../../libs/domain/src/money';

/** Money arrives as a decimal string in yuan with at most 2 decimals: never a JSON number, which would round. */
export function IsYuan(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isYuan',
      validator: {
        validate: (value: unknown) => isYuanString(value),
        defaultMessage: (args) => `${args?.property} 须为以元为单位、最多两位小数的非负金额字符串，例如 "1600000.00"`,
      },
    },
    options,
  );
}

/** The shape {@link IsYuan} accepts, for the OpenAPI document: up to 15 integer digits and 2 decimals. */
export const YUAN_PATTERN = '^[0-9]{1,15}(\\.[0-9]{1,2})?$';
