import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { PoliciesService } from './policies.service';

@ApiTags('policies')
@ApiBearerAuth()
@Controller('policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  /** The effective policy of a region and, per key, the region it comes from ('default' if none). */
  @Get(':regionCode')
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
  @ApiBody({
    schema: { type: 'object', example: { publicityPeriod: 'PT30S', matchingDeadline: 'P30D', industryShareMin: '0.65' } },
  })
  update(@Param('regionCode') regionCode: string, @Body() body: Record<string, unknown>, @CurrentUser() user: AuthUser) {
    return this.policies.update(regionCode, body, user);
  }
}
