import { Empty, Typography } from 'antd';
import type { AttachmentRef } from '../../../../services/project-records';

/** A link only for a web address; an archive number is shown as written. */
const isWebAddress = (url: string) => /^https?:\/\//i.test(url);

/** 附件: the documents the application lists and where each is kept. */
export function AttachmentsTab({ attachments }: { attachments: AttachmentRef[] }) {
  if (attachments.length === 0) return <Empty description="申报时未登记附件" />;
  return (
    <ol className="attachment-list">
      {attachments.map((a) => (
        <li key={`${a.name}-${a.url}`}>
          <Typography.Text>{a.name}</Typography.Text>
          {isWebAddress(a.url) ? (
            <a href={a.url} target="_blank" rel="noopener noreferrer">
              {a.url}
            </a>
          ) : (
            <Typography.Text type="secondary">{a.url}</Typography.Text>
          )}
        </li>
      ))}
    </ol>
  );
}
