import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { SelfEvaluationService } from './self-evaluation.service';

/** 报表: the year-end self-evaluation (绩效自评报告) as JSON, Word and Excel. */
@Module({ controllers: [ReportsController], providers: [SelfEvaluationService] })
export class ReportsModule {}
