import { ApiProperty } from '@nestjs/swagger';

/** One field's problems in a `VALIDATION_FAILED` answer. */
export class FieldProblem {
  /** The field's path in the request, e.g. `fundingSources[0].amount` */
  @ApiProperty({ example: 'totalBudget' })
  field: string;

  /** 中文说明，每条一个问题 */
  messages: string[];
}

/**
 * The one error shape of the API. `code` is stable and machine-readable; `message` is Chinese and
 * meant for people; `details` carries what the code needs (field problems, row errors) or null.
 */
export class ErrorBody {
  @ApiProperty({ example: 'VALIDATION_FAILED' })
  code: string;

  @ApiProperty({ example: '请求参数不合法：总投资须为最多两位小数的非负金额字符串（元）' })
  message: string;

  @ApiProperty({
    nullable: true,
    description:
      '细节：`VALIDATION_FAILED` 为 `FieldProblem` 数组（`[{ field, messages }]`），导入与分配明细错误为逐行问题数组，业务规则的拒绝可带对象；没有时为 null',
    anyOf: [{ type: 'array', items: {} }, { type: 'object', additionalProperties: true }],
  })
  details: unknown;
}
