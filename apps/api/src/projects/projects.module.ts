import { Module } from '@nestjs/common';
import { ProjectActionsController } from './project-actions.controller';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';

@Module({
  controllers: [ProjectsController, ProjectActionsController],
  providers: [ProjectsService],
  exports: [ProjectsService],
})
export class ProjectsModule {}
