import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Form, Grid, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useUser } from '../../../app/session';
import { useInFlight } from '../../../components/useInFlight';
import { importBatch } from '../../../services/funds';
import { ApiFailure } from '../../../services/http';
import { BatchHeaderFields, HEADER_FIELDS, headerOf, type HeaderValues } from '../shared/BatchHeaderFields';
import { placeFieldErrors } from '../shared/failure';
import { ImportErrors } from './ImportErrors';
import { downloadTemplate } from './template';

const ACCEPT = '.csv,.xlsx';
const MAX_BYTES = 5 * 1024 * 1024;

/** 导入分配表: the notice's heading typed in, its allocation table uploaded; all or nothing. */
export default function BatchImportPage() {
  const [form] = Form.useForm<HeaderValues>();
  const user = useUser();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const { busy, run } = useInFlight();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [refused, setRefused] = useState<ApiFailure | null>(null);

  const submit = (values: HeaderValues) =>
    run('import', async () => {
      setRefused(null);
      if (!file) {
        setFileError('请选择要导入的分配表文件（CSV 或 XLSX）');
        return;
      }
      try {
        const batch = await importBatch(headerOf(values), file);
        message.success(`已导入 ${batch.docNumber}：${batch.allocations.length} 个县`);
        navigate(`/batches/${batch.id}`);
      } catch (failure) {
        if (!(failure instanceof ApiFailure)) throw failure;
        placeFieldErrors(form, failure, HEADER_FIELDS);
        if (failure.fieldProblems.length === 0 && failure.code !== 'DUPLICATE_DOC_NUMBER') setRefused(failure);
        else message.error(failure.message);
      }
    });

  const choose = (chosen: File) => {
    setRefused(null);
    if (!/\.(csv|xlsx)$/i.test(chosen.name)) setFileError('只能导入 CSV 或 XLSX 文件');
    else if (chosen.size > MAX_BYTES) setFileError('文件不能超过 5 MB');
    else {
      setFileError(null);
      setFile(chosen);
    }
    return false;
  };

  return (
    <Card variant="borderless" styles={{ body: { padding: phone ? 8 : 24 } }}>
      <Form<HeaderValues> form={form} layout="vertical" onFinish={submit} initialValues={{ level: user.role === 'county' ? 'county' : 'province', year: new Date().getFullYear(), batchNo: 1 }}>
        <Typography.Title level={5}>批次信息</Typography.Title>
        <BatchHeaderFields />
        <Typography.Title level={5}>分配表</Typography.Title>
        <Form.Item label="分配表文件" required validateStatus={fileError ? 'error' : undefined} help={fileError ?? '与通知附件的资金计划表同样格式：市县名、金额、其中（专项）、备注；金额默认万元，可写“单位：元”。'}>
          <Upload.Dragger
            accept={ACCEPT}
            maxCount={1}
            beforeUpload={choose}
            fileList={file ? [{ uid: 'table', name: file.name, status: 'done', size: file.size }] : []}
            onRemove={() => {
              setFile(null);
              setRefused(null);
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖入分配表（CSV 或 XLSX，不超过 5 MB）</p>
          </Upload.Dragger>
        </Form.Item>
        {refused && <ImportErrors failure={refused} />}
        <Alert type="info" showIcon title="整表导入：表中任何一行有误，整张表都不会写入，并列出全部错误行。" style={{ margin: '12px 0' }} />
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Button icon={<DownloadOutlined />} onClick={downloadTemplate}>
            下载模板
          </Button>
          <Space>
            <Button onClick={() => navigate('/batches')}>取消</Button>
            <Button type="primary" htmlType="submit" loading={busy === 'import'}>
              导入
            </Button>
          </Space>
        </Space>
      </Form>
    </Card>
  );
}
