import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { PageQuery } from '../common/pagination';
import { PublicWriteRateLimit } from '../common/rate-limit.guard';
import { ObjectionDto } from '../projects/dto/project-actions.dto';
import { ProjectIdPipe } from '../projects/projects.controller';
import { PublicityService } from './publicity.service';

@ApiTags('public')
@Controller()
export class PublicityController {
  constructor(private readonly publicity: PublicityService) {}

  @Public()
  @Get('public/publicity')
  list(@Query() query: PageQuery) {
    return this.publicity.list(query);
  }

  /** 提出异议: anyone, without an account, while the project is under publicity. */
  @Public()
  @UseGuards(PublicWriteRateLimit)
  @Post('projects/:id/objections')
  object(@Param('id', ProjectIdPipe) id: string, @Body() body: ObjectionDto) {
    return this.publicity.raiseObjection(id, body);
  }
}
