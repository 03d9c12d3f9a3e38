import { Module } from '@nestjs/common';
import { ExportsController } from './exports.controller';
import { MonthlyReportService } from './monthly.service';
import { MonthlyPaceService } from './monthly-pace.service';
import { NationalExportService } from './national-export.service';
import { ReportsController } from './reports.controller';
import { SelfEvaluationService } from './self-evaluation.service';

/** 报表: the year-end self-evaluation (绩效自评报告) and the monthly spending report as JSON, Word and Excel; the national monitoring export. */
@Module({ controllers: [ReportsController, ExportsController], providers: [SelfEvaluationService, MonthlyReportService, MonthlyPaceService, NationalExportService] })
export class ReportsModule {}
