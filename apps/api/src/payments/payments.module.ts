import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';

@Module({ imports: [ProjectsModule], controllers: [PaymentsController], providers: [PaymentsService] })
export class PaymentsModule {}
