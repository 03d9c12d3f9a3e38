import { DeleteOutlined, InboxOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Empty, Popconfirm, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatTime } from '../format';
import { ApiFailure } from '../../services/http';
import {
  deleteAttachment,
  downloadAttachment,
  listAttachments,
  uploadAttachments,
  type AttachmentFile,
  type AttachmentKind,
  type AttachmentList,
} from '../../services/attachments';
import { roleLabel, isRole } from '../../../../../libs/domain/src/stages';
import { acceptOf, missingText, sizeText, typesText } from './attachment-text';
import './attachments.css';

interface Props {
  projectId: string;
  /** Only these kinds may be chosen (a dialog's contract or acceptance report); all kinds otherwise. */
  kinds?: readonly AttachmentKind[];
  /** Only files of these kinds are listed. */
  onlyListed?: boolean;
  onChanged?: (list: AttachmentList) => void;
}

/**
 * 附件: what the project holds, the papers its region's policy still wants marked 必传, and — for
 * whoever acts on the project now — a kind and a drop zone to add files.
 */
export function AttachmentsPanel({ projectId, kinds, onlyListed = false, onChanged }: Props) {
  const { message } = AntApp.useApp();
  const [list, setList] = useState<AttachmentList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<AttachmentKind | undefined>(kinds?.[0]);
  const [uploading, setUploading] = useState(0);

  // The parent's latest callback, so a new function each render does not read the list again.
  const changed = useRef(onChanged);
  useEffect(() => {
    changed.current = onChanged;
  }, [onChanged]);
  const adopt = useCallback((next: AttachmentList) => {
    setList(next);
    changed.current?.(next);
  }, []);

  useEffect(() => {
    let live = true;
    listAttachments(projectId)
      .then((l) => live && adopt(l))
      .catch((e: unknown) => live && setError(e instanceof ApiFailure ? e.message : '附件读取失败'));
    return () => {
      live = false;
    };
  }, [projectId, adopt]);

  const required = useMemo(() => new Set(list?.requirements.map((r) => r.kind) ?? []), [list]);
  // A missing required paper is the likeliest thing to add next.
  const missingFirst = list?.requirements.find((r) => !r.satisfied && (!kinds || kinds.includes(r.kind)))?.kind;
  const chosen = kind ?? missingFirst;

  if (error) return <Alert type="warning" showIcon title={error} />;
  if (!list) return <Typography.Text type="secondary">正在读取附件…</Typography.Text>;

  const options = list.kinds
    .filter((k) => !kinds || kinds.includes(k.code))
    .map((k) => ({ value: k.code, label: required.has(k.code) ? `${k.label}（必传）` : k.label }));
  const items = onlyListed && kinds ? list.items.filter((i) => kinds.includes(i.kind)) : list.items;
  const requirements = kinds ? list.requirements.filter((r) => kinds.includes(r.kind)) : list.requirements;
  const missing = missingText(requirements);

  const send = async (file: File) => {
    if (!chosen) {
      message.warning('请先选择附件类别');
      return;
    }
    setUploading((n) => n + 1);
    try {
      adopt(await uploadAttachments(projectId, chosen, [file]));
      message.success(`已上传：${file.name}`);
    } catch (e) {
      message.error(e instanceof ApiFailure ? e.message : `上传失败：${file.name}`);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  const remove = async (file: AttachmentFile) => {
    try {
      adopt(await deleteAttachment(projectId, file.id));
      message.success(`已删除：${file.name}`);
    } catch (e) {
      message.error(e instanceof ApiFailure ? e.message : '删除失败');
    }
  };

  const fetchFile = (file: AttachmentFile) => downloadAttachment(projectId, file).catch((e: unknown) => message.error(e instanceof ApiFailure ? e.message : '下载失败'));

  return (
    <div className="attachments-panel">
      {requirements.length > 0 && (
        <div className="attachment-requirements" aria-label="必传附件">
          {requirements.map((r) => (
            <Tag key={`${r.gate}-${r.kind}`} color={r.satisfied ? 'green' : 'red'}>
              必传 · {r.kindLabel}（{r.gateLabel}）{r.satisfied ? ' ✓ 已上传' : ' ✗ 未上传'}
            </Tag>
          ))}
        </div>
      )}
      {missing && <Alert type="warning" showIcon className="attachment-missing" title={`尚缺必传附件：${missing}`} />}

      {list.canUpload && (
        <div className="attachment-upload">
          <Space wrap align="center" className="attachment-kind">
            <Typography.Text>附件类别</Typography.Text>
            <Select aria-label="附件类别" style={{ minWidth: 240 }} placeholder="请选择附件类别" options={options} value={chosen} onChange={(v) => setKind(v)} />
          </Space>
          <Upload.Dragger
            multiple
            accept={acceptOf(list.allowedTypes)}
            showUploadList={false}
            disabled={!chosen}
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{uploading > 0 ? `正在上传 ${uploading} 个文件…` : chosen ? '点击选择或把文件拖到这里上传' : '请先选择附件类别，再点击选择或拖入文件'}</p>
            <p className="ant-upload-hint">
              可上传 {typesText(list.allowedTypes)}；单个文件不超过 {list.maxMb} MB，按文件内容识别类型
            </p>
          </Upload.Dragger>
        </div>
      )}

      {items.length === 0 ? (
        <Empty description="尚未上传附件" />
      ) : (
        <Table<AttachmentFile>
          className="attachment-table"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: '文件',
              key: 'name',
              render: (_, file) => (
                <Button type="link" icon={<PaperClipOutlined />} onClick={() => void fetchFile(file)} className="attachment-name">
                  {file.name}
                </Button>
              ),
            },
            { title: '类别', key: 'kind', render: (_, file) => <Tag color={required.has(file.kind) ? 'blue' : undefined}>{file.kindLabel}</Tag> },
            { title: '大小', key: 'size', render: (_, file) => sizeText(file.size) },
            { title: '上传人', key: 'by', render: (_, file) => `${file.uploadedBy.name}（${isRole(file.uploadedBy.role) ? roleLabel(file.uploadedBy.role) : file.uploadedBy.role}）` },
            { title: '上传时间', key: 'at', render: (_, file) => formatTime(file.uploadedAt) },
            {
              title: '',
              key: 'actions',
              render: (_, file) =>
                file.canDelete && (
                  <Popconfirm title={`删除「${file.name}」？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => remove(file)}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除 ${file.name}`} />
                  </Popconfirm>
                ),
            },
          ]}
        />
      )}
    </div>
  );
}
