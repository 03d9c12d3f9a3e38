import { parseAllocationTable } from '../../../../libs/funds/src/allocation-table';
import { readAllocationFile, TableReadError } from '../../../../libs/funds/src/table-readers';
import { NATIONAL_REGION_CODE } from '../../../../libs/auth/src/scope';
import { ApiError } from '../common/api-error';
import type { AllocationInput } from './batches.service';

export interface UploadedTable {
  buffer: Buffer;
  originalname: string;
  mimetype: string;
}

/**
 * Reads an allocation table shaped like the notices' (CSV or XLSX) into allocations. Everything
 * is checked before anything is written; every bad row is reported at once.
 */
export async function allocationsFromFile(file: UploadedTable | undefined, regionCode: string): Promise<AllocationInput[]> {
  if (!file) throw ApiError.badRequest('FILE_REQUIRED', '请上传分配表文件（字段名 file，CSV 或 XLSX）');
  let rows: string[][];
  try {
    rows = await readAllocationFile(file.buffer, file.originalname, file.mimetype);
  } catch (error) {
    if (error instanceof TableReadError) throw ApiError.unprocessable(error.message, 'UNREADABLE_FILE');
    throw error;
  }
  // A table lists counties under their city (or the province): a county user's table is read within its city,
  // and the batch then refuses any row outside the county itself.
  const root = regionCode === NATIONAL_REGION_CODE ? undefined : /^\d{6}0{6}$/.test(regionCode) && !/^\d{4}0{8}$/.test(regionCode) ? `${regionCode.slice(0, 4)}00000000` : regionCode;
  const parsed = parseAllocationTable(rows, { rootRegionCode: root });
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw ApiError.unprocessable(`分配表有 ${parsed.errors.length} 处错误，未导入任何数据。第 ${first.row} 行：${first.message}`, 'IMPORT_INVALID', parsed.errors);
  }
  return parsed.allocations.map((a) => ({
    regionCode: a.regionCode,
    amountFen: a.amountFen,
    earmarks: a.earmarks,
    category: a.category,
    label: `第 ${a.row} 行（${a.name}）`,
  }));
}
