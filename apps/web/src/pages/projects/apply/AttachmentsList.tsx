import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Typography } from 'antd';

/** 附件清单: the name of each document and where it is kept (村民代表会议决议, 实施方案 …). */
export function AttachmentsList({ disabled }: { disabled: boolean }) {
  return (
    <Form.List name="attachments">
      {(fields, { add, remove }) => (
        <>
          {fields.length === 0 && <Typography.Paragraph type="secondary">尚未登记附件，如村民代表会议决议、实施方案、预算明细。</Typography.Paragraph>}
          {fields.map((field, index) => (
            <div className="list-row list-row-attachment" key={field.key} role="group" aria-label={`附件 ${index + 1}`}>
              <span className="list-row-index" aria-hidden>
                {index + 1}
              </span>
              <Form.Item label="附件名称" name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写附件名称' }, { max: 200, message: '最长 200 字' }]}>
                <Input placeholder="如 村民代表会议决议.pdf" disabled={disabled} />
              </Form.Item>
              <Form.Item label="存放位置" name={[field.name, 'url']} rules={[{ required: true, whitespace: true, message: '请填写附件的存放位置或编号' }, { max: 1000, message: '最长 1000 字' }]}>
                <Input placeholder="如 档案室 2024-017 或文件地址" disabled={disabled} />
              </Form.Item>
              <Button className="list-row-remove" icon={<DeleteOutlined />} onClick={() => remove(field.name)} disabled={disabled} aria-label={`删除附件 ${index + 1}`} />
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', url: '' })} disabled={disabled || fields.length >= 50}>
            添加附件
          </Button>
        </>
      )}
    </Form.List>
  );
}
