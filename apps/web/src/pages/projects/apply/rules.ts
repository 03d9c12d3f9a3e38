import type { FormRule } from 'antd';
import { isYuanString, parseYuan } from '../../../../../../libs/domain/src/money';

/** A yuan amount as the API takes it: digits, at most two decimals, no separators. */
export const yuanRule: FormRule = {
  validator: async (_, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    const text = String(value).trim();
    if (!isYuanString(text)) {
      try {
        parseYuan(text);
      } catch (error) {
        throw new Error((error as Error).message.replace(/^金额格式不正确（元）：/, '金额格式不正确：'));
      }
    }
  },
};

/** A count of households or people: a whole number, not below zero. */
export const countRule: FormRule = { type: 'integer', min: 0, message: '请填写不小于 0 的整数' };
