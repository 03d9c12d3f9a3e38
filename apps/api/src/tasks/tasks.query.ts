import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../common/pagination';

export class TasksQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'done', 'cc'], default: 'open', description: 'open 待办 · done 已办 · cc 抄送我的' })
  @IsOptional()
  @IsIn(['open', 'done', 'cc'], { message: 'status 须为 open（待办）、done（已办）或 cc（抄送我的）' })
  status?: 'open' | 'done' | 'cc';
}
