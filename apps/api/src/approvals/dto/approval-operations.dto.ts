import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

const USER_ID = { format: 'uuid', description: '用户 id（由候选人接口取得）' } as const;

/** 转办 / 委派: the colleague and why. */
export class HandOverDto {
  @ApiProperty(USER_ID)
  @IsUUID('all', { message: 'userId 须为用户编号（UUID）' })
  userId: string;

  @ApiProperty({ minLength: 1, maxLength: 500, description: '说明（必填）' })
  @IsString({ message: '说明须为字符串' })
  @Length(1, 500, { message: '请填写说明（1–500 字）' })
  comment: string;
}

/** 提交委派意见 */
export class DelegateOpinionDto {
  @ApiProperty({ minLength: 1, maxLength: 2000 })
  @IsString({ message: '意见须为字符串' })
  @Length(1, 2000, { message: '请填写审阅意见（1–2000 字）' })
  opinion: string;
}

/** 抄送 */
export class CcDto {
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, maxItems: 20, uniqueItems: true })
  @IsArray({ message: 'userIds 须为用户编号数组' })
  @ArrayMinSize(1, { message: '请至少选择一位抄送对象' })
  @ArrayMaxSize(20, { message: '一次最多抄送 20 人' })
  @IsUUID('all', { each: true, message: 'userIds 的每一项须为用户编号（UUID）' })
  userIds: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString({ message: '说明须为字符串' })
  @Length(0, 500, { message: '说明最多 500 字' })
  comment?: string;
}

/** 催办 */
export class UrgeDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString({ message: '催办说明须为字符串' })
  @Length(0, 500, { message: '催办说明最多 500 字' })
  comment?: string;
}

/** 终止项目 */
export class TerminateDto {
  @ApiProperty({ minLength: 1, maxLength: 1000 })
  @IsString({ message: '终止理由须为字符串' })
  @Length(1, 1000, { message: '请填写终止理由（1–1000 字）' })
  reason: string;
}

export const CANDIDATE_PURPOSES = ['transfer', 'delegate', 'reassign', 'cc'] as const;
export type CandidatePurpose = (typeof CANDIDATE_PURPOSES)[number];

export class CandidatesQuery {
  @ApiProperty({ enum: CANDIDATE_PURPOSES, description: 'transfer 转办 · delegate 委派 · reassign 改派：当前待办同一岗位的在岗用户；cc 抄送：本县在岗工作人员' })
  @IsIn(CANDIDATE_PURPOSES, { message: 'purpose 须为 transfer、delegate、reassign 或 cc' })
  purpose: CandidatePurpose;
}

/** 批量改派: every open task one person holds, or the named projects' tasks, to a colleague. */
export class ReassignTasksDto {
  @ApiPropertyOptional({ format: 'uuid', description: '交出待办的用户（如离岗人员）：改派其经办和受委派的全部待办' })
  @IsOptional()
  @IsUUID('all', { message: 'fromUserId 须为用户编号（UUID）' })
  fromUserId?: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: 500, description: '只改派这些项目的待办' })
  @IsOptional()
  @IsArray({ message: 'projectIds 须为项目编号数组' })
  @ArrayMaxSize(500, { message: '一次最多改派 500 个项目' })
  @IsUUID('all', { each: true, message: 'projectIds 的每一项须为项目编号（UUID）' })
  projectIds?: string[];

  @ApiProperty(USER_ID)
  @IsUUID('all', { message: 'toUserId 须为用户编号（UUID）' })
  toUserId: string;

  @ApiProperty({ minLength: 1, maxLength: 500 })
  @IsString({ message: '改派说明须为字符串' })
  @Length(1, 500, { message: '请填写改派说明（1–500 字）' })
  comment: string;
}
