import { Card, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import { AttachmentsList } from './AttachmentsList';
import { DEPARTMENT_OPTIONS, TYPE_OPTIONS, type ApplicationValues } from './application-values';
import { FundingSourcesList } from './FundingSourcesList';
import { countRule, yuanRule } from './rules';
import { TargetsList } from './TargetsList';

interface Props {
  form: FormInstance<ApplicationValues>;
  /** 申报村, named: the clerk's own village, never chosen. */
  villageName: string;
  disabled: boolean;
  initialValues: Partial<ApplicationValues>;
}

const half = { xs: 24, md: 12 } as const;
const third = { xs: 24, md: 8 } as const;

/** 项目申报表: every field of the application, in the order of the county's paper form. */
export function ApplicationForm({ form, villageName, disabled, initialValues }: Props) {
  return (
    <Form form={form} initialValues={initialValues} layout="vertical" disabled={disabled} className="apply-form" requiredMark scrollToFirstError={{ block: 'center' }}>
      <Card title="基本信息" className="apply-section">
        <Row gutter={16}>
          <Col xs={24}>
            <Form.Item label="项目名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写项目名称' }, { max: 200, message: '项目名称最长 200 字' }]}>
              <Input placeholder="如 北曹村蔬菜大棚改造工程" maxLength={200} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label="项目类型" name="type" rules={[{ required: true, message: '请选择项目类型' }]}>
              <Select options={TYPE_OPTIONS} placeholder="请选择" showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label="行业主管部门" name="departmentCode" rules={[{ required: true, message: '请选择行业主管部门' }]} extra="负责部门审查（可行性、标准、负面清单）">
              <Select options={DEPARTMENT_OPTIONS} placeholder="请选择" showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label="申报村" htmlFor="apply-village">
              <Input id="apply-village" value={villageName} readOnly disabled />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label="实施地点" name="place" rules={[{ required: true, whitespace: true, message: '请填写实施地点' }, { max: 500, message: '实施地点最长 500 字' }]}>
              <Input placeholder="如 贾庄乡北曹村东侧" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              label="建设内容"
              name="content"
              rules={[{ required: true, whitespace: true, message: '请填写建设内容' }, { max: 5000, message: '建设内容最长 5000 字' }]}
              extra="资金不得用于负面清单事项（楼堂馆所、偿还债务、形象工程等），命中的申报须由主管部门说明理由后方可通过"
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder="写明建设什么、多少、用什么钱做哪部分" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label="建设规模" name="scale" rules={[{ max: 1000, message: '建设规模最长 1000 字' }]}>
              <Input placeholder="如 20 座、3.5 公里（可不填）" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title="投资与资金来源" className="apply-section">
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item
              label="总投资（元）"
              name="totalBudget"
              rules={[{ required: true, whitespace: true, message: '请填写总投资' }, yuanRule]}
              extra="以元为单位，最多两位小数，不加逗号"
            >
              <Input inputMode="decimal" placeholder="如 1600000.00" suffix="元" className="money-input" />
            </Form.Item>
          </Col>
        </Row>
        <FundingSourcesList form={form} disabled={disabled} />
      </Card>

      <Card title="受益情况与联农带农" className="apply-section">
        <Row gutter={16}>
          <Col {...third}>
            <Form.Item label="带动脱贫户（户）" name={['beneficiaries', 'householdsLifted']} rules={[{ required: true, message: '请填写脱贫户数' }, countRule]}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} placeholder="0" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item label="带动监测户（户）" name={['beneficiaries', 'householdsMonitored']} rules={[{ required: true, message: '请填写监测户数' }, countRule]}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} placeholder="0" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item label="受益人数（人）" name={['beneficiaries', 'people']} rules={[{ required: true, message: '请填写受益人数' }, countRule]}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} placeholder="0" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label="联农带农机制" name="farmerLink" rules={[{ required: true, whitespace: true, message: '请填写联农带农机制' }, { max: 2000, message: '最长 2000 字' }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="如 吸纳脱贫户务工，村集体收益按股分红" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title="绩效目标" className="apply-section">
        <TargetsList disabled={disabled} />
      </Card>

      <Card title="附件登记（存放在档案室或其他位置的文件）" className="apply-section">
        <AttachmentsList disabled={disabled} />
      </Card>
    </Form>
  );
}
