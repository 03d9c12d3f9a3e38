import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi';
import { ObjectionReceipt, PublicityPage } from './publicity.response';
import { Public } from '../auth/auth.decorators';
import { PageQuery } from '../common/pagination';
import { PublicWriteRateLimit } from '../common/rate-limit.guard';
import { ObjectionDto } from '../projects/dto/project-actions.dto';
import { ApiProjectId, ProjectIdPipe } from '../projects/projects.controller';
import { PublicityService } from './publicity.service';

@ApiTags('public')
@Controller()
export class PublicityController {
  constructor(private readonly publicity: PublicityService) {}

  @Public()
  @Get('public/publicity')
  @ApiOkResponse({ type: PublicityPage })
  list(@Query() query: PageQuery) {
    return this.publicity.list(query);
  }

  /** 提出异议: anyone, without an account, while the project is under publicity. */
  @Public()
  @UseGuards(PublicWriteRateLimit)
  @Post('projects/:id/objections')
  @ApiProjectId()
  @ApiCreatedResponse({ type: ObjectionReceipt })
  @ApiErrors({ 404: ['NOT_FOUND'], 409: ['WRONG_STAGE'], 503: ['EXPIRED'] })
  object(@Param('id', ProjectIdPipe) id: string, @Body() body: ObjectionDto) {
    return this.publicity.raiseObjection(id, body);
  }
}
