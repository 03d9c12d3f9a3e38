import { Alert, Table, type TableColumnsType } from 'antd';
import type { ImportRowError } from '../../../services/funds';
import type { ApiFailure } from '../../../services/http';

/** Row errors of a refused table, whichever check found them (the file's reader or the batch's own checks). */
export function rowErrorsOf(failure: ApiFailure): ImportRowError[] {
  if (!Array.isArray(failure.details)) return [];
  return failure.details
    .filter((d): d is ImportRowError => d !== null && typeof d === 'object' && 'row' in d && typeof d.message === 'string')
    .map((d) => ({ row: d.row, column: d.column, message: d.message }));
}

const COLUMNS: TableColumnsType<ImportRowError & { key: number }> = [
  { title: '行', dataIndex: 'row', width: 160, render: (row: number | string) => (typeof row === 'number' ? `第 ${row} 行` : row) },
  { title: '列', dataIndex: 'column', width: 160, render: (c?: string) => c || '—' },
  { title: '问题', dataIndex: 'message' },
];

/** The API refused the table: nothing was written, and every row it objected to is listed. */
export function ImportErrors({ failure }: { failure: ApiFailure }) {
  const rows = rowErrorsOf(failure).map((r, key) => ({ ...r, key }));
  return (
    <div className="import-errors">
      <Alert
        type="error"
        showIcon
        title={rows.length > 0 ? `分配表有 ${rows.length} 处错误，未导入任何数据` : '未导入任何数据'}
        description={rows.length > 0 ? '整张表一条也没有写入。请按下表逐行修改文件后重新上传。' : failure.message}
        style={{ marginBottom: 12 }}
      />
      {rows.length > 0 && (
        <Table
          size="small"
          columns={COLUMNS}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20, showTotal: (n) => `共 ${n} 处错误` } : false}
          scroll={{ x: 560 }}
        />
      )}
    </div>
  );
}
