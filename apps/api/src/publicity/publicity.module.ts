import { Module } from '@nestjs/common';
import { PublicWriteRateLimit } from '../common/rate-limit.guard';
import { ProjectsModule } from '../projects/projects.module';
import { PublicityController } from './publicity.controller';
import { PublicityService } from './publicity.service';

@Module({
  imports: [ProjectsModule],
  controllers: [PublicityController],
  providers: [PublicityService, PublicWriteRateLimit],
})
export class PublicityModule {}
