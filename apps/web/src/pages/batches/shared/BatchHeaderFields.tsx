import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { BatchHeader } from '../../../services/funds';
import { LEVEL_OPTIONS, yearOptions } from './batch-meta';

/** The header as the form holds it: the date as a picker value until it is sent. */
export interface HeaderValues extends Omit<BatchHeader, 'issuedAt'> {
  issuedAt?: Dayjs;
}

export const HEADER_FIELDS = new Set(['docNumber', 'title', 'level', 'year', 'batchNo', 'issuedAt']);

export function headerOf(values: HeaderValues): BatchHeader {
  return {
    docNumber: values.docNumber.trim(),
    title: values.title.trim(),
    level: values.level,
    year: values.year,
    batchNo: values.batchNo,
    issuedAt: values.issuedAt ? values.issuedAt.format('YYYY-MM-DD') : '',
  };
}

const required = (label: string) => [{ required: true, message: `请填写${label}` }];

/** 文号, 标题, 级次, 年度, 批次, 下达日期: what the notice's heading says, shared by 新建批次 and 导入分配表. */
export function BatchHeaderFields() {
  return (
    <Row gutter={16}>
      <Col xs={24} md={10}>
        <Form.Item label="文号" name="docNumber" rules={required('文号')}>
          <Input placeholder="如 晋乡振发〔2023〕8号" maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24} md={14}>
        <Form.Item label="标题" name="title" rules={required('标题')}>
          <Input placeholder="关于下达……补助资金计划的通知" maxLength={300} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label="级次" name="level" rules={[{ required: true, message: '请选择资金级次' }]}>
          <Select options={LEVEL_OPTIONS} placeholder="请选择" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label="年度" name="year" rules={[{ required: true, message: '请选择年度' }]}>
          <Select options={yearOptions()} placeholder="请选择" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label="批次" name="batchNo" rules={[{ required: true, message: '请填写批次' }]}>
          <InputNumber min={1} max={99} precision={0} prefix="第" suffix="批" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label="下达日期" name="issuedAt" rules={[{ required: true, message: '请选择下达日期' }]}>
          <DatePicker style={{ width: '100%' }} placeholder="选择日期" />
        </Form.Item>
      </Col>
    </Row>
  );
}
