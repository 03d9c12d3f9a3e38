import { Module } from '@nestjs/common';
import { MonitorController } from './monitor.controller';
import { MonitorService } from './monitor.service';

/** 监测: GET /monitor/matching and GET /monitor/counties, with CSV / XLSX export. */
@Module({ controllers: [MonitorController], providers: [MonitorService] })
export class MonitorModule {}
