import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies/policies.module';
import { ProjectActionsController } from './project-actions.controller';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';
import { AttachmentRules } from '../attachments/attachment-rules';

@Module({
  imports: [PoliciesModule],
  controllers: [ProjectsController, ProjectActionsController],
  providers: [ProjectsService, AttachmentRules],
  exports: [ProjectsService],
})
export class ProjectsModule {}
