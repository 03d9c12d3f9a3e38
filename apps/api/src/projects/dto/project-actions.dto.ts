import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ASSET_KINDS, normaliseAssetKind, type AssetKind } from '../../../../../libs/domain/src/asset-kinds';
import { CALENDAR_DATE_PATTERN, IsCalendarDate } from '../../common/date.validator';
import { IsYuan, YUAN_PATTERN } from '../../common/yuan.validator';
import { FundingSourceDto, ProjectApplicationFields } from './project-application.dto';

/** PATCH /projects/:id: any application fields; the rest stay as they are. */
export class UpdateProjectDto extends PartialType(ProjectApplicationFields) {}

export class ReviewDto {
  @ApiProperty({ enum: ['approve', 'return', 'reject'] })
  @IsIn(['approve', 'return', 'reject'], { message: '审核决定须为 approve（通过）、return（退回修改）或 reject（不予通过）' })
  decision: 'approve' | 'return' | 'reject';

  @ApiPropertyOptional({ description: '审核意见；退回和不予通过时必填' })
  @ValidateIf((o: ReviewDto) => o.decision !== 'approve' || o.comment !== undefined)
  @IsString({ message: '审核意见须为字符串' })
  @Length(1, 2000, { message: '退回或不予通过须填写审核意见（1–2000 字）' })
  comment?: string;

  @ApiPropertyOptional({ description: '县政府常务会议纪要文号（大额产业项目县级审定时必填）' })
  @IsOptional()
  @IsString({ message: '会议纪要文号须为字符串' })
  @Length(1, 100, { message: '会议纪要文号长度须为 1–100' })
  meetingRef?: string;
}

/** For actions that take no body: any field sent is refused like everywhere else. */
export class EmptyBodyDto {}

export class OptionalCommentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: '说明须为字符串' })
  @MaxLength(2000, { message: '说明最长 2000 字' })
  comment?: string;
}

export class RequiredCommentDto {
  @ApiProperty()
  @IsString({ message: '理由须为字符串' })
  @Length(1, 2000, { message: '须填写理由（1–2000 字）' })
  comment: string;
}

export class ObjectionDto {
  @ApiProperty({ example: '张三' })
  @IsString({ message: '姓名须为字符串' })
  @Length(1, 50, { message: '姓名长度须为 1–50' })
  name: string;

  @ApiProperty({ example: '13800000000' })
  @IsString({ message: '联系方式须为字符串' })
  @Length(1, 100, { message: '联系方式长度须为 1–100' })
  contact: string;

  @ApiProperty({ example: '大棚选址占用基本农田' })
  @IsString({ message: '异议内容须为字符串' })
  @Length(1, 2000, { message: '异议内容长度须为 1–2000' })
  content: string;
}

export class ResolveObjectionDto {
  @ApiProperty({ enum: ['uphold', 'dismiss'] })
  @IsIn(['uphold', 'dismiss'], { message: '处理决定须为 uphold（异议成立）或 dismiss（异议不成立）' })
  decision: 'uphold' | 'dismiss';

  @ApiProperty()
  @IsString({ message: '处理意见须为字符串' })
  @Length(1, 2000, { message: '须填写处理意见（1–2000 字）' })
  comment: string;
}

export class ProcurementDto {
  @ApiProperty({ example: '公开招标' })
  @IsString({ message: '采购方式须为字符串' })
  @Length(1, 50, { message: '采购方式长度须为 1–50' })
  method: string;

  @ApiProperty({ example: '朔州市朔城区青红绿农牧有限公司' })
  @IsString({ message: '中标单位须为字符串' })
  @Length(1, 200, { message: '中标单位长度须为 1–200' })
  winner: string;

  @ApiProperty({ pattern: YUAN_PATTERN, example: '1550000.00' })
  @IsYuan({ message: '合同金额须为最多两位小数的非负金额字符串（元）' })
  contractAmount: string;

  @ApiProperty({ format: 'date', pattern: CALENDAR_DATE_PATTERN, example: '2024-05-20' })
  @IsCalendarDate({ message: '合同日期须为 YYYY-MM-DD 格式的日期，例如 2024-05-20' })
  contractDate: string;
}

export class ProgressDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  @IsInt({ message: '进度须为 0–100 的整数' })
  @Min(0, { message: '进度须为 0–100 的整数' })
  @Max(100, { message: '进度须为 0–100 的整数' })
  percent: number;

  @ApiProperty({ example: '主体结构完工' })
  @IsString({ message: '进度说明须为字符串' })
  @MaxLength(2000, { message: '进度说明最长 2000 字' })
  note: string;

  @ApiProperty({ format: 'date', pattern: CALENDAR_DATE_PATTERN, example: '2024-06-30' })
  @IsCalendarDate({ message: '报告日期须为 YYYY-MM-DD 格式的日期' })
  reportedAt: string;
}

export class ChangeRequestDto {
  @ApiProperty({ enum: ['budget', 'scope', 'place'] })
  @IsIn(['budget', 'scope', 'place'], { message: '变更类型须为 budget（预算）、scope（内容规模）或 place（地点）' })
  kind: 'budget' | 'scope' | 'place';

  @ApiProperty()
  @IsString({ message: '变更理由须为字符串' })
  @Length(1, 2000, { message: '须填写变更理由（1–2000 字）' })
  reason: string;

  @ApiPropertyOptional({ pattern: YUAN_PATTERN, description: '变更后的总投资（元），预算变更必填' })
  @ValidateIf((o: ChangeRequestDto) => o.kind === 'budget' || o.totalBudget !== undefined)
  @IsYuan({ message: '变更后的总投资须为最多两位小数的非负金额字符串（元）' })
  totalBudget?: string;

  @ApiPropertyOptional({ type: [FundingSourceDto], description: '变更后的资金来源，预算变更必填' })
  @ValidateIf((o: ChangeRequestDto) => o.kind === 'budget' || o.fundingSources !== undefined)
  @IsArray({ message: '变更后的资金来源须为数组' })
  @ArrayMaxSize(20, { message: '资金来源最多 20 项' })
  @IsObject({ each: true, message: '每个资金来源须为对象' })
  @ValidateNested({ each: true })
  @Type(() => FundingSourceDto)
  fundingSources?: FundingSourceDto[];

  @ApiPropertyOptional()
  @ValidateIf((o: ChangeRequestDto) => o.kind === 'scope' || o.content !== undefined)
  @IsString({ message: '变更后的建设内容须为字符串' })
  @Length(1, 5000, { message: '内容规模变更须填写建设内容（1–5000 字）' })
  content?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: '变更后的建设规模须为字符串' })
  @MaxLength(1000, { message: '建设规模最长 1000 字' })
  scale?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: ChangeRequestDto) => o.kind === 'place' || o.place !== undefined)
  @IsString({ message: '变更后的实施地点须为字符串' })
  @Length(1, 500, { message: '地点变更须填写实施地点（1–500 字）' })
  place?: string;
}

export class ReviewChangeDto {
  @ApiProperty({ enum: ['approve', 'refuse'] })
  @IsIn(['approve', 'refuse'], { message: '变更审批决定须为 approve（同意）或 refuse（不同意）' })
  decision: 'approve' | 'refuse';

  @ApiProperty()
  @IsString({ message: '审批意见须为字符串' })
  @Length(1, 2000, { message: '须填写审批意见（1–2000 字）' })
  comment: string;
}

export class AssetDto {
  @ApiProperty({ example: '蔬菜大棚 20 座' })
  @IsString({ message: '资产名称须为字符串' })
  @Length(1, 200, { message: '资产名称长度须为 1–200' })
  name: string;

  @ApiProperty({
    enum: ASSET_KINDS,
    description: '资产类别：operating（经营性）、public_welfare（公益性）、household（到户）；也接受中文 经营性、公益性、到户，按代码保存',
  })
  @Transform(({ value }) => normaliseAssetKind(value))
  @IsIn(ASSET_KINDS, { message: '资产类别须为 operating（经营性）、public_welfare（公益性）或 household（到户）' })
  kind: AssetKind;

  @ApiProperty({ pattern: YUAN_PATTERN, example: '1550000.00' })
  @IsYuan({ message: '资产价值须为最多两位小数的非负金额字符串（元）' })
  value: string;

  @ApiProperty({ example: '北曹村股份经济合作社' })
  @IsString({ message: '产权归属须为字符串' })
  @Length(1, 200, { message: '产权归属长度须为 1–200' })
  owner: string;

  @ApiProperty({ example: '北曹村村委会' })
  @IsString({ message: '管护主体须为字符串' })
  @Length(1, 200, { message: '管护主体长度须为 1–200' })
  caretaker: string;
}

/** 绩效目标完成值: what one row of the table reached. */
export class TargetAchievedDto {
  @ApiProperty({ example: '20', description: '完成值；目标为数值的指标须填数字（单位同目标值），最多 4 位小数' })
  @IsString({ message: '完成值须为字符串' })
  @Length(1, 200, { message: '完成值长度须为 1–200' })
  achieved: string;

  @ApiPropertyOptional({ type: 'boolean', description: '是否达到目标：目标不是数值的早期指标须填写；数值指标按完成值自动判断，填写时须与之一致' })
  @IsOptional()
  @IsBoolean({ message: 'met 须为 true 或 false' })
  met?: boolean;
}

export class AcceptanceDto {
  @ApiProperty({ enum: ['pass', 'fail'] })
  @IsIn(['pass', 'fail'], { message: '验收结论须为 pass（合格）或 fail（不合格）' })
  result: 'pass' | 'fail';

  @ApiProperty()
  @IsString({ message: '验收意见须为字符串' })
  @Length(1, 5000, { message: '须填写验收意见（1–5000 字）' })
  findings: string;

  @ApiProperty({ format: 'date', pattern: CALENDAR_DATE_PATTERN, example: '2024-10-15' })
  @IsCalendarDate({ message: '验收日期须为 YYYY-MM-DD 格式的日期' })
  acceptedAt: string;

  @ApiProperty({ type: [AssetDto] })
  @IsArray({ message: '资产清单须为数组' })
  @ArrayMaxSize(200, { message: '资产最多 200 项' })
  @IsObject({ each: true, message: '每项资产须为对象' })
  @ValidateNested({ each: true })
  @Type(() => AssetDto)
  assets: AssetDto[];

  @ApiPropertyOptional({
    type: [TargetAchievedDto],
    description: '绩效目标完成值，按申报时绩效目标表的顺序每项一个；验收合格时须逐项填写，不合格时可不填',
  })
  @IsOptional()
  @IsArray({ message: '绩效目标完成值须为数组' })
  @ArrayMaxSize(50, { message: '绩效目标完成值最多 50 项' })
  @IsObject({ each: true, message: '每项完成值须为对象' })
  @ValidateNested({ each: true })
  @Type(() => TargetAchievedDto)
  targets?: TargetAchievedDto[];
}
