import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsObject,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ALL_TARGET_SUBCATEGORIES,
  TARGET_CATEGORIES,
  TARGET_COMPARISONS,
  TARGET_SUBCATEGORIES,
  TARGET_VALUE_PATTERN,
  type TargetCategory,
  type TargetComparison,
  type TargetSubCategory,
} from '../../../../../libs/domain/src/performance-targets';
import { DEPARTMENTS, PROJECT_TYPES } from '../../../../../libs/domain/src/project-types';
import { IsYuan, YUAN_PATTERN } from '../../common/yuan.validator';

export class FundingSourceDto {
  @ApiProperty({ example: '市级衔接资金' })
  @IsString({ message: '资金来源名称须为字符串' })
  @Length(1, 100, { message: '资金来源名称长度须为 1–100' })
  source: string;

  @ApiProperty({ pattern: YUAN_PATTERN, example: '1600000.00', description: '元，最多两位小数' })
  @IsYuan({ message: '资金来源金额须为最多两位小数的非负金额字符串（元）' })
  amount: string;
}

export class BeneficiariesDto {
  @ApiProperty({ type: 'integer', description: '带动脱贫户数' })
  @IsInt({ message: '脱贫户数须为整数' })
  @Min(0, { message: '脱贫户数不能为负数' })
  @Max(10_000_000, { message: '脱贫户数过大' })
  householdsLifted: number;

  @ApiProperty({ type: 'integer', description: '带动监测户数' })
  @IsInt({ message: '监测户数须为整数' })
  @Min(0, { message: '监测户数不能为负数' })
  @Max(10_000_000, { message: '监测户数过大' })
  householdsMonitored: number;

  @ApiProperty({ type: 'integer', description: '受益人数' })
  @IsInt({ message: '受益人数须为整数' })
  @Min(0, { message: '受益人数不能为负数' })
  @Max(100_000_000, { message: '受益人数过大' })
  people: number;
}

const SUBCATEGORY_HELP = TARGET_CATEGORIES.map((c) => `${c}: ${TARGET_SUBCATEGORIES[c].join('/')}`).join('；');

/** 绩效目标: one row of the performance-target table. */
export class PerformanceTargetDto {
  @ApiProperty({ enum: TARGET_CATEGORIES, description: '一级指标：output 产出 / benefit 效益 / satisfaction 满意度' })
  @IsIn(TARGET_CATEGORIES, { message: '一级指标须为 output（产出）、benefit（效益）或 satisfaction（满意度）' })
  category: TargetCategory;

  @ApiProperty({
    enum: ALL_TARGET_SUBCATEGORIES,
    description: `二级指标，须属于一级指标（否则 422 TARGET_SUBCATEGORY_MISMATCH）：${SUBCATEGORY_HELP}（数量/质量/时效/成本；经济/社会/生态/可持续；服务对象满意度）`,
  })
  @IsIn(ALL_TARGET_SUBCATEGORIES, { message: `二级指标须为 ${ALL_TARGET_SUBCATEGORIES.join('、')} 之一` })
  subCategory: TargetSubCategory;

  @ApiProperty({ example: '改造蔬菜大棚数量' })
  @IsString({ message: '绩效指标名称须为字符串' })
  @Length(1, 200, { message: '绩效指标名称长度须为 1–200' })
  indicator: string;

  @ApiProperty({ enum: TARGET_COMPARISONS, description: '目标值的比较方式：>= 不低于，<= 不高于，= 等于' })
  @IsIn(TARGET_COMPARISONS, { message: '比较方式须为 >=、<= 或 =' })
  comparison: TargetComparison;

  @ApiProperty({ pattern: TARGET_VALUE_PATTERN, example: '20', description: '目标值：非负数字字符串，最多 4 位小数' })
  @IsString({ message: '目标值须为数字字符串' })
  @Matches(new RegExp(TARGET_VALUE_PATTERN), { message: '目标值须为非负数字（最多 12 位整数、4 位小数），如 "20" 或 "95.5"' })
  targetValue: string;

  @ApiProperty({ example: '座', description: '计量单位，如 座、公里、元/户、%' })
  @IsString({ message: '计量单位须为字符串' })
  @Length(1, 20, { message: '计量单位长度须为 1–20' })
  unit: string;
}

export class AttachmentDto {
  @ApiProperty({ example: '实施方案.pdf' })
  @IsString({ message: '附件名称须为字符串' })
  @Length(1, 200, { message: '附件名称长度须为 1–200' })
  name: string;

  @ApiProperty({ example: 'files/2024/plan.pdf' })
  @IsString({ message: '附件地址须为字符串' })
  @Length(1, 1000, { message: '附件地址长度须为 1–1000' })
  url: string;
}

/** The fields a village may fill or revise; shared by creation and editing. */
export class ProjectApplicationFields {
  @ApiProperty({ example: '蔬菜大棚改造工程' })
  @IsString({ message: '项目名称须为字符串' })
  @Length(1, 200, { message: '项目名称长度须为 1–200' })
  name: string;

  @ApiProperty({ enum: PROJECT_TYPES })
  @IsIn(PROJECT_TYPES, { message: `项目类型须为 ${PROJECT_TYPES.join('、')} 之一` })
  type: string;

  @ApiProperty({ example: '140602203201', description: '12 位行政区划代码（村）' })
  @Matches(/^[0-9]{12}$/, { message: '村代码须为 12 位数字的行政区划代码' })
  villageCode: string;

  @ApiProperty({ example: '贾庄乡北曹村' })
  @IsString({ message: '实施地点须为字符串' })
  @Length(1, 500, { message: '实施地点长度须为 1–500' })
  place: string;

  @ApiProperty({ example: '改造蔬菜大棚 20 座' })
  @IsString({ message: '建设内容须为字符串' })
  @Length(1, 5000, { message: '建设内容长度须为 1–5000' })
  content: string;

  @ApiPropertyOptional({ example: '20 座' })
  @IsOptional()
  @IsString({ message: '建设规模须为字符串' })
  @MaxLength(1000, { message: '建设规模最长 1000 字' })
  scale?: string;

  @ApiProperty({ pattern: YUAN_PATTERN, example: '1600000.00', description: '总投资（元）' })
  @IsYuan({ message: '总投资须为最多两位小数的非负金额字符串（元）' })
  totalBudget: string;

  @ApiProperty({ type: [FundingSourceDto] })
  @IsArray({ message: '资金来源须为数组' })
  @ArrayMinSize(1, { message: '至少填写一个资金来源' })
  @ArrayMaxSize(20, { message: '资金来源最多 20 项' })
  @IsObject({ each: true, message: '每个资金来源须为对象' })
  @ValidateNested({ each: true })
  @Type(() => FundingSourceDto)
  fundingSources: FundingSourceDto[];

  @ApiProperty({ type: BeneficiariesDto })
  @IsDefined({ message: '须填写受益情况（beneficiaries）' })
  @IsObject({ message: '受益情况须为对象' })
  @ValidateNested()
  @Type(() => BeneficiariesDto)
  beneficiaries: BeneficiariesDto;

  @ApiProperty({ description: '联农带农机制' })
  @IsString({ message: '联农带农机制须为字符串' })
  @Length(1, 2000, { message: '联农带农机制长度须为 1–2000' })
  farmerLink: string;

  @ApiProperty({ enum: Object.keys(DEPARTMENTS), description: '行业主管部门' })
  @IsIn(Object.keys(DEPARTMENTS), { message: `主管部门须为 ${Object.keys(DEPARTMENTS).join('、')} 之一` })
  departmentCode: string;

  @ApiPropertyOptional({ type: [PerformanceTargetDto] })
  @IsOptional()
  @IsArray({ message: '绩效目标须为数组' })
  @ArrayMaxSize(50, { message: '绩效目标最多 50 项' })
  @IsObject({ each: true, message: '每项绩效目标须为对象' })
  @ValidateNested({ each: true })
  @Type(() => PerformanceTargetDto)
  performanceTargets?: PerformanceTargetDto[];

  @ApiPropertyOptional({ type: [AttachmentDto] })
  @IsOptional()
  @IsArray({ message: '附件须为数组' })
  @ArrayMaxSize(50, { message: '附件最多 50 个' })
  @IsObject({ each: true, message: '每个附件须为对象' })
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];
}
