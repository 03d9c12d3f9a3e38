import { Module } from '@nestjs/common';
import { BatchesModule } from '../batches/batches.module';
import { ProjectsModule } from '../projects/projects.module';
import { AdminTasksController } from './admin-tasks.controller';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';

@Module({ imports: [ProjectsModule, BatchesModule], controllers: [ApprovalsController, AdminTasksController], providers: [ApprovalsService] })
export class ApprovalsModule {}
