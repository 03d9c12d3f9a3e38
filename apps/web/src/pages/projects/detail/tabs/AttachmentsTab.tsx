import { Divider, Typography } from 'antd';
import { AttachmentsPanel } from '../../../../components/attachments/AttachmentsPanel';
import type { AttachmentRef } from '../../../../services/project-records';

/** A link only for a web address; an archive number is shown as written. */
const isWebAddress = (url: string) => /^https?:\/\//i.test(url);

/**
 * 附件: the uploaded files (with the papers the region's policy still wants, and upload for whoever
 * acts on the project now), then the documents the application only listed by where they are kept.
 */
export function AttachmentsTab({ projectId, stage, attachments }: { projectId: string; stage: string; attachments: AttachmentRef[] }) {
  return (
    <>
      {/* A new stage may change who uploads and what is still required: read afresh. */}
      <AttachmentsPanel key={stage} projectId={projectId} />
      {attachments.length > 0 && (
        <>
          <Divider titlePlacement="start" plain>
            申报时登记的附件
          </Divider>
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
        </>
      )}
    </>
  );
}
