import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiOkResponse, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi';
import { PolicyPatch, PolicyView } from './policy.response';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { PoliciesService } from './policies.service';

@ApiTags('policies')
@ApiBearerAuth()
@ApiParam({ name: 'regionCode', schema: { type: 'string', pattern: '^[0-9]{12}$' }, description: '12 位行政区划代码' })
@ApiErrors({ 400: ['VALIDATION_FAILED'], 404: ['NOT_FOUND'] })
@Controller('policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  /** The effective policy of a region and, per key, the region it comes from ('default' if none). */
  @Get(':regionCode')
  @ApiOkResponse({ type: PolicyView })
  find(@Param('regionCode') regionCode: string, @CurrentUser() user: AuthUser) {
    return this.policies.find(regionCode, user);
  }

  /**
   * Any subset of the policy keys; null removes the region's own value (it inherits again). The body
   * is a plain object on purpose: the global ValidationPipe skips non-class types, and the domain's
   * validatePolicyPatch checks every key and value.
   */
  @Put(':regionCode')
  @Roles('admin')
  @ApiExtraModels(PolicyPatch)
  @ApiOkResponse({ type: PolicyView, description: '更新后生效的政策' })
  @ApiBody({
    schema: { allOf: [{ $ref: getSchemaPath(PolicyPatch) }], minProperties: 1 },
    examples: { demo: { value: { publicityPeriod: 'PT30S', matchingDeadline: 'P30D', industryShareMin: '0.65' } } },
  })
  update(@Param('regionCode') regionCode: string, @Body() body: Record<string, unknown>, @CurrentUser() user: AuthUser) {
    return this.policies.update(regionCode, body, user);
  }
}
