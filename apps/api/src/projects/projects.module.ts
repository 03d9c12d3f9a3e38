import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies/policies.module';
import { ProjectActionsController } from './project-actions.controller';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';

@Module({
  imports: [PoliciesModule],
  controllers: [ProjectsController, ProjectActionsController],
  providers: [ProjectsService],
  exports: [ProjectsService],
})
export class ProjectsModule {}
