import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { ApiErrors } from '../common/openapi';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { ResetPasswordDto } from './dto/reset-password.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserPage, UserView } from './user.response';
import { UsersService } from './users.service';

const UserIdPipe = new ParseUUIDPipe({ exceptionFactory: () => ApiError.notFound('用户不存在') });
const USER_ID = ApiParam({ name: 'id', format: 'uuid', description: '用户 id' });

/** 用户管理: the admin everywhere, a county admin for its own county. */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin', 'county_admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserPage })
  @ApiErrors({ 404: ['REGION_NOT_FOUND'] })
  list(@Query() query: ListUsersQuery, @CurrentUser() user: AuthUser) {
    return this.users.list(query, user);
  }

  /** 新建用户: the initial password must be changed at the first sign-in. */
  @Post()
  @ApiCreatedResponse({ type: UserView })
  @ApiErrors({ 403: ['OUTSIDE_REGION'], 409: ['USERNAME_TAKEN'], 422: ['UNKNOWN_REGION', 'RULE_BROKEN', 'WEAK_PASSWORD'] })
  create(@Body() body: CreateUserDto, @CurrentUser() user: AuthUser) {
    return this.users.create(body, user);
  }

  @Get(':id')
  @USER_ID
  @ApiOkResponse({ type: UserView })
  @ApiErrors({ 404: ['NOT_FOUND'] })
  findOne(@Param('id', UserIdPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.users.findOne(id, user);
  }

  @Patch(':id')
  @USER_ID
  @ApiExtraModels(UpdateUserDto)
  @ApiBody({ schema: { allOf: [{ $ref: getSchemaPath(UpdateUserDto) }], minProperties: 1 } })
  @ApiOkResponse({ type: UserView })
  @ApiErrors({ 403: ['OUTSIDE_REGION'], 404: ['NOT_FOUND'], 409: ['CONFLICT'], 422: ['UNKNOWN_REGION', 'RULE_BROKEN'] })
  update(@Param('id', UserIdPipe) id: string, @Body() body: UpdateUserDto, @CurrentUser() user: AuthUser) {
    return this.users.update(id, body, user);
  }

  /** 重置密码: the user must change it at the next sign-in; a lock is lifted. */
  @Post(':id/reset-password')
  @HttpCode(200)
  @USER_ID
  @ApiOkResponse({ type: UserView })
  @ApiErrors({ 404: ['NOT_FOUND'], 422: ['WEAK_PASSWORD'] })
  resetPassword(@Param('id', UserIdPipe) id: string, @Body() body: ResetPasswordDto, @CurrentUser() user: AuthUser) {
    return this.users.resetPassword(id, body, user);
  }

  /** 解除锁定 */
  @Post(':id/unlock')
  @HttpCode(200)
  @USER_ID
  @ApiOkResponse({ type: UserView })
  @ApiErrors({ 404: ['NOT_FOUND'] })
  unlock(@Param('id', UserIdPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.users.unlock(id, user);
  }
}
