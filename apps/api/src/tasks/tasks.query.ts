import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../common/pagination';

export class TasksQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'done'], default: 'open', description: 'open 待办 · done 已办' })
  @IsOptional()
  @IsIn(['open', 'done'], { message: 'status 须为 open（待办）或 done（已办）' })
  status?: 'open' | 'done';
}
