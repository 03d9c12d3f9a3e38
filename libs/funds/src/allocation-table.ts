/**
 * Allocation-table import (资金分配表导入): turns the rows of a table shaped like the allocation
 * tables of the notices (附件 …资金计划表) into county allocations, or into the full list of what is
 * wrong with it. All or nothing: a table with any error yields no allocations at all.
 *
 * The shape this reads (the Shanxi 2023 provincial plan is the model):
 *
 *     2023年省级财政衔接推进乡村振兴补助资金计划表        ← title rows: ignored
 *     单位：万元                                          ← optional unit row (万元 by default, or 元)
 *     市县名 | 金 额 |                       | 备注       ← header (layout spaces allowed)
 *            |      | 其中：健康乡村示范创建 |            ← optional second header line
 *     全省合计   | 172220 | 14000 |                       ← grand total (全省合计 / 合计 / 总计)
 *     太原市小计 | 4659   | 1000  |                       ← city subtotal: opens the city
 *     娄烦县     | 3458   | 1000  | 重点帮扶县            ← county rows of the city last opened
 *     …
 *
 * Page breaks of a typeset table repeat the title, the unit row and the header; those repeats are
 * skipped. A row naming a city without `小计` (塔城地区 in the Tacheng notice) also opens that city.
 *
 * Pure: no framework, no Node built-ins; region names resolve against the reference data.
 */
import { MoneyFormatError, formatWan, formatYuan, parseWan, parseYuan } from '../../domain/src/money';
import { getRegionByCode, isRegionCode, normaliseRegionName, resolveRegionName } from '../../reference-data/src/region-names';
import type { RegionRecord } from '../../reference-data/src/regions';

/** 金额单位 of a table: 万元 (default) or 元. */
export type AllocationTableUnit = 'wan' | 'yuan';

/** 其中 (earmark): the part of an amount reserved for one purpose, e.g. 健康乡村示范创建. */
export interface AllocationEarmark {
  purpose: string;
  amountFen: bigint;
}

/** One county-level row of the table (资金分配). */
export interface ParsedAllocation {
  /** 1-based row number in the file. */
  row: number;
  /** 12-digit code of the county-level region. */
  regionCode: string;
  /** The name as the table writes it, layout whitespace removed (`盂 县` → `盂县`). */
  name: string;
  amountFen: bigint;
  /** Non-zero earmarks of the row, in column order. */
  earmarks: AllocationEarmark[];
  /** 备注 — the county category (重点帮扶县 / 整体推进县 / 先行示范县), or null when blank. */
  category: string | null;
}

/** One city subtotal row (XX市小计). */
export interface ParsedCitySubtotal {
  row: number;
  /** The city's name, e.g. 太原市. */
  name: string;
  regionCode: string;
  subtotalFen: bigint;
}

/** One thing wrong with the table. */
export interface AllocationTableError {
  /** 1-based row number in the file. */
  row: number;
  /** Header label of the offending column, when the error is about one cell. */
  column?: string;
  /** Chinese message naming the row (第N行) and its unit (地区名称). */
  message: string;
}

export interface AllocationTableSuccess {
  ok: true;
  unit: AllocationTableUnit;
  allocations: ParsedAllocation[];
  /** Sum of the county rows. */
  totalFen: bigint;
  /** Sum of the county rows per earmark column, in column order. */
  earmarkTotals: AllocationEarmark[];
  cities: ParsedCitySubtotal[];
}

export interface AllocationTableFailure {
  ok: false;
  /** Every error found, ordered by row. */
  errors: AllocationTableError[];
}

export type AllocationTableResult = AllocationTableSuccess | AllocationTableFailure;

export interface AllocationTableOptions {
  /**
   * The region the table allocates within (e.g. 山西省 for a provincial notice). City subtotals are
   * resolved inside it, and county rows outside any city group too. Without it, names resolve
   * across the whole reference data (a name shared by two regions then needs its city's subtotal).
   */
  rootRegionCode?: string;
}

// ───────────────────────────── text helpers ─────────────────────────────

/** Whitespace of every kind, including U+3000 and zero-width marks. */
const SPACE = /[\s\u200b-\u200d\u2060\ufeff]+/gu;
const EDGE_SPACE = /^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$/gu;

/** Removes all whitespace but keeps the characters as written (for display). */
const compact = (s: string): string => s.replace(SPACE, '');
/** Matching key: NFKC (full-width → half-width) and no whitespace. */
const key = (s: string): string => normaliseRegionName(s);

type Row = readonly string[];

const cellOf = (row: Row, col: number | null): string => (col === null ? '' : (row[col] ?? ''));
const isBlankRow = (row: Row): boolean => row.every((c) => key(c ?? '') === '');

/** A cell that looks like a number, as opposed to a label (used to tell header lines from data). */
const looksNumeric = (s: string): boolean => /^[-+]?[0-9.,]+$/.test(key(s));

// ───────────────────────────── header recognition ─────────────────────────────

const NAME_HEADER = /^(?:市县名(?:称)?|市县|县(?:市区|区)|地区(?:名称)?|单位(?:名称)?|地区\/单位|地区或单位|区划名称|名称)$/;

function isNameHeader(k: string): boolean {
  return NAME_HEADER.test(k) || k.startsWith('市县名') || /县\(市、?区\)$/.test(k);
}

const isEarmarkHeader = (k: string): boolean => k.startsWith('其中');

function isAmountHeader(k: string): boolean {
  return !isEarmarkHeader(k) && (k.includes('金额') || k.includes('下达') || /^(?:分配)?资金(?:\(.*\))?$/.test(k));
}

function isCategoryHeader(k: string): boolean {
  return k.includes('备注') || /(?:类别|类型|分类)$/.test(k);
}

/** `单位：万元` → wan; `单位：元` → yuan; `单位：亿元` → the unsupported text; else null. */
function unitOfCell(s: string): AllocationTableUnit | { unsupported: string } | null {
  const m = /^单位:(.*)$/.exec(key(s));
  if (!m) return null;
  if (m[1] === '万元') return 'wan';
  if (m[1] === '元') return 'yuan';
  return { unsupported: compact(s) };
}

/** A unit written into a header label: `金额（万元）`. */
function unitOfLabel(label: string): AllocationTableUnit | null {
  const m = /\((万元|元)\)/.exec(key(label));
  return m ? (m[1] === '万元' ? 'wan' : 'yuan') : null;
}

interface HeaderHit {
  nameCol: number;
  amountCol: number;
}

/** The row is a header when one cell names the regions and another the amount. */
function headerHit(row: Row): HeaderHit | null {
  const keys = row.map((c) => key(c ?? ''));
  const nameCol = keys.findIndex(isNameHeader);
  if (nameCol < 0) return null;
  const amountCol = keys.findIndex((k, i) => i !== nameCol && isAmountHeader(k));
  return amountCol < 0 ? null : { nameCol, amountCol };
}

/**
 * Second header line, as in the seed: the name cell is blank, nothing looks like a number, and some
 * cell is a header word (其中…, 小计, 备注 …) — or the first line has a bare `其中` over purposes.
 */
function isHeaderContinuation(row: Row, header: Row, nameCol: number): boolean {
  if (key(cellOf(row, nameCol)) !== '') return false;
  const cells = row.filter((c) => key(c ?? '') !== '');
  if (cells.length === 0 || cells.some(looksNumeric)) return false;
  if (header.some((c) => /^其中:?$/.test(key(c ?? '')))) return true;
  return cells.some((c) => {
    const k = key(c);
    return isEarmarkHeader(k) || isAmountHeader(k) || isCategoryHeader(k) || k === '小计' || k === '合计';
  });
}

interface EarmarkColumn {
  col: number;
  label: string;
  purpose: string;
}

interface Layout {
  nameCol: number;
  nameLabel: string;
  amountCol: number;
  amountLabel: string;
  earmarks: EarmarkColumn[];
  categoryCol: number | null;
}

/**
 * Column labels of a one- or two-line header. A label is the first line's text followed by the
 * second line's (金额 + 小计 → 金额小计). Under a first-line `其中` that spans several columns
 * (a merged cell reads as blank beside its master), the second line's purposes are earmarks too.
 */
function columnLabels(first: Row, second: Row | null): string[] {
  const width = Math.max(first.length, second?.length ?? 0);
  const labels: string[] = [];
  let inEarmarkGroup = false;
  for (let c = 0; c < width; c++) {
    const a = compact(cellOf(first, c));
    const b = second ? compact(cellOf(second, c)) : '';
    if (a !== '') inEarmarkGroup = /^其中:?$/.test(key(a));
    if (a === '' && b !== '' && inEarmarkGroup && !isEarmarkHeader(key(b))) labels.push(`其中：${b}`);
    else labels.push(a === b ? a : a + b);
  }
  return labels;
}

// ───────────────────────────── row model ─────────────────────────────

/** A parsed cell: a fen amount, null when blank, or 'invalid' (an error has been reported). */
type Cell = bigint | null | 'invalid';

interface Amounts {
  amount: Cell;
  earmarks: Cell[];
}

interface CountyRow {
  row: number;
  name: string;
  record: RegionRecord | undefined;
  amounts: Amounts;
  category: string | null;
}

interface CityGroup {
  row: number;
  /** The row's own text, e.g. 太原市小计. */
  label: string;
  record: RegionRecord | undefined;
  amounts: Amounts;
  counties: CountyRow[];
}

interface TotalRow {
  row: number;
  label: string;
  amounts: Amounts;
}

const GRAND_TOTAL = /^(?:全省|全市|全区|全州|全县|全盟|全地区|全自治区)?(?:合计|总计|总合计)$/;
const SUBTOTAL = /^(.+?)(?:小计|合计)$/;
/** Longer names are refused before any lookup (no region name comes close). */
const MAX_NAME_LENGTH = 40;
const NOTE = /^(?:注|说明)\d*[:.、]/;

// ───────────────────────────── the parser ─────────────────────────────

/**
 * Parses and checks an allocation table given as rows of cell texts (see {@link readAllocationFile}
 * in table-readers.ts). Row numbers in errors and results are 1-based positions in `rows`.
 *
 * Checks, all collected: amounts are non-negative decimals of the table's unit (≤ 6 decimals for
 * 万元, ≤ 2 for 元, no separators, half-width digits); every name resolves (a county under its
 * city); each city subtotal equals the sum of its counties, for the amount and for every earmark
 * column; the grand total equals the sum of the subtotals (or of the counties); no earmark exceeds
 * its row's amount; no county, city or grand total appears twice.
 */
export function parseAllocationTable(rows: readonly Row[], options: AllocationTableOptions = {}): AllocationTableResult {
  const root = rootRecord(options.rootRegionCode);
  const errors: AllocationTableError[] = [];
  const fail = (row: number, message: string, column?: string): void => {
    errors.push(column === undefined ? { row, message } : { row, column, message });
  };

  // ── 1. title, unit and header ──
  // `as`: assigned inside noteUnit, so no narrowing to null here.
  let unit = null as AllocationTableUnit | null;
  let unitRow = 0;
  /** Takes a unit found at a row (单位：万元 / 金额（元）), refusing unknown or contradicting ones. */
  const noteUnit = (u: AllocationTableUnit | { unsupported: string } | null, rowNo: number, source: string): void => {
    if (u === null) return;
    if (typeof u === 'object') {
      fail(rowNo, `第${rowNo}行：不支持的金额单位“${u.unsupported}”，只支持“单位：万元”或“单位：元”`);
    } else if (unit !== null && unit !== u) {
      fail(rowNo, `第${rowNo}行：“${source}”的金额单位（${unitName(u)}）与第${unitRow}行的单位（${unitName(unit)}）不一致`);
    } else if (unit === null) {
      unit = u;
      unitRow = rowNo;
    }
  };
  const preamble = new Set<string>();
  let headerIndex = -1;
  let hit: HeaderHit | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] ?? [];
    if (isBlankRow(row)) continue;
    hit = headerHit(row);
    if (hit) {
      headerIndex = i;
      break;
    }
    preamble.add(row.map(compact).join('\u0000'));
    for (const c of row) noteUnit(unitOfCell(c ?? ''), i + 1, compact(c ?? ''));
  }
  if (!hit) {
    const empty = rows.every((r) => isBlankRow(r ?? []));
    return {
      ok: false,
      errors: [
        ...errors,
        {
          row: 1,
          message: empty
            ? '文件中没有内容：请按通知附件的资金分配表格式填写（市县名、金额、其中：…、备注）'
            : '未找到表头：表头行须同时包含“市县名”（或“地区”“单位”）和“金额”两列',
        },
      ],
    };
  }

  const header = rows[headerIndex] ?? [];
  let bodyStart = headerIndex + 1;
  let second: Row | null = null;
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    if (isBlankRow(row)) continue;
    if (isHeaderContinuation(row, header, hit.nameCol)) {
      second = row;
      bodyStart = i + 1;
    }
    break;
  }
  const labels = columnLabels(header, second);
  const layout = buildLayout(labels, hit, headerIndex + 1, fail);

  // A unit may also sit in the header: 金额（万元）, or a cell 单位：万元 beside the labels.
  for (const [row, rowNo] of [[header, headerIndex + 1], ...(second ? [[second, bodyStart]] : [])] as Array<[Row, number]>) {
    for (const c of row) noteUnit(unitOfCell(c ?? ''), rowNo, compact(c ?? ''));
  }
  noteUnit(unitOfLabel(labels[hit.amountCol] ?? ''), headerIndex + 1, layout.amountLabel);
  const tableUnit: AllocationTableUnit = unit ?? 'wan';

  // ── 2. body ──
  const groups: CityGroup[] = [];
  const loose: CountyRow[] = []; // county rows before any city subtotal
  const totals: TotalRow[] = [];
  let current: CityGroup | null = null;

  const parseCell = (rowNo: number, label: string, raw: string, columnLabel: string): Cell => {
    const text = raw.replace(EDGE_SPACE, '');
    if (text === '') return null;
    try {
      return tableUnit === 'wan' ? parseWan(text) : parseYuan(text);
    } catch (e) {
      const why = e instanceof MoneyFormatError ? e.message : String(e);
      const shown = text.length > 32 ? `${text.slice(0, 32)}…` : text;
      fail(rowNo, `${at(rowNo, label)}“${columnLabel}”列填写有误，${why}（填写的是“${shown}”）`, columnLabel);
      return 'invalid';
    }
  };

  const readAmounts = (rowNo: number, label: string, row: Row): Amounts => {
    const amount = parseCell(rowNo, label, cellOf(row, layout.amountCol), layout.amountLabel);
    if (amount === null) fail(rowNo, `${at(rowNo, label)}“${layout.amountLabel}”不能为空`, layout.amountLabel);
    const earmarks = layout.earmarks.map((e) => parseCell(rowNo, label, cellOf(row, e.col), e.label));
    return { amount: amount === null ? 'invalid' : amount, earmarks };
  };

  for (let i = bodyStart; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const rowNo = i + 1;
    if (isBlankRow(row)) continue;

    // Page-break repeats of the title, unit row and header.
    if (preamble.has(row.map(compact).join('\u0000'))) continue;
    if (headerHit(row) || isHeaderContinuation(row, header, layout.nameCol)) continue;
    const units = row.map((c) => unitOfCell(c ?? '')).filter((u) => u !== null);
    if (units.length > 0 && !row.some(looksNumeric)) {
      for (const u of units) {
        if (typeof u === 'object' || u !== tableUnit) {
          const text = typeof u === 'object' ? u.unsupported : `单位：${unitName(u)}`;
          fail(rowNo, `第${rowNo}行：“${text}”与本表的金额单位“${unitName(tableUnit)}”不一致`);
        }
      }
      continue;
    }

    const label = key(cellOf(row, layout.nameCol));
    if (NOTE.test(label) && [layout.amountCol, ...layout.earmarks.map((e) => e.col)].every((c) => key(cellOf(row, c)) === '')) {
      continue; // 注：… footnote
    }
    if (label.length > MAX_NAME_LENGTH) {
      fail(rowNo, `第${rowNo}行：“${layout.nameLabel}”过长（超过 ${MAX_NAME_LENGTH} 个字），不像地区名称`, layout.nameLabel);
      continue;
    }
    if (label === '') {
      fail(rowNo, `第${rowNo}行：“${layout.nameLabel}”为空，无法确定这一行的金额属于哪个地区`, layout.nameLabel);
      continue;
    }

    const amounts = readAmounts(rowNo, label, row);

    // Grand total.
    if (isGrandTotal(label, root)) {
      const first = totals[0];
      if (first) fail(rowNo, `${at(rowNo, label)}合计行重复（第${first.row}行已有合计行“${first.label}”）`);
      totals.push({ row: rowNo, label, amounts });
      continue;
    }

    // City subtotal: `XX市小计`.
    const sub = SUBTOTAL.exec(label);
    if (sub) {
      const city = resolveCity(sub[1], root);
      if (!city) fail(rowNo, `${at(rowNo, label)}未找到${root ? `${root.name}下` : ''}名为“${sub[1]}”的市级区划`, layout.nameLabel);
      current = openGroup(groups, { row: rowNo, label, record: city, amounts, counties: [] }, fail);
      continue;
    }

    // County row, under the city last opened (or the root).
    const scope = current?.record ?? root;
    const county = resolveRegionName(label, { level: 'county', parentCode: scope?.code });
    if (!county) {
      // A row naming a city without 小计 (塔城地区 in the Tacheng notice) opens that city.
      const city = resolveCity(label, root);
      if (city) {
        current = openGroup(groups, { row: rowNo, label, record: city, amounts, counties: [] }, fail);
        continue;
      }
      fail(rowNo, `${at(rowNo, label)}${unknownCounty(label, scope)}`, layout.nameLabel);
    }
    const category = layout.categoryCol === null ? '' : compact(cellOf(row, layout.categoryCol));
    const entry: CountyRow = { row: rowNo, name: label, record: county, amounts, category: category === '' ? null : category };
    (current ? current.counties : loose).push(entry);
  }

  // ── 3. checks ──
  const counties = [...loose, ...groups.flatMap((g) => g.counties)].sort((a, b) => a.row - b.row);
  if (counties.length === 0) {
    fail(bodyStart + 1, '表中没有县级分配行：表头之后应列出各县（市、区）及其金额');
  }

  const columns: Array<{ label: string; pick: (a: Amounts) => Cell }> = [
    { label: layout.amountLabel, pick: (a) => a.amount },
    ...layout.earmarks.map((e, k) => ({ label: e.label, pick: (a: Amounts) => a.earmarks[k] ?? null })),
  ];
  const fmt = (fen: bigint): string => formatAmount(fen, tableUnit);

  // Each earmark within its row's amount.
  for (const r of [...totals, ...groups, ...counties]) {
    const amount = r.amounts.amount;
    if (typeof amount !== 'bigint') continue;
    layout.earmarks.forEach((e, k) => {
      const part = r.amounts.earmarks[k];
      if (typeof part === 'bigint' && part > amount) {
        fail(r.row, `${at(r.row, rowLabel(r))}“${e.label}” ${fmt(part)} 大于本行金额 ${fmt(amount)}`, e.label);
      }
    });
  }

  // No county twice.
  const seen = new Map<string, CountyRow>();
  for (const c of counties) {
    if (!c.record) continue;
    const before = seen.get(c.record.code);
    if (before) fail(c.row, `${at(c.row, c.name)}与第${before.row}行（${before.name}）是同一个县级单位，不能重复列出`, layout.nameLabel);
    else seen.set(c.record.code, c);
  }

  // City subtotals.
  for (const g of groups) {
    if (g.counties.length === 0) {
      fail(g.row, `${at(g.row, g.label)}小计行下面没有列出任何县（市、区）`);
      continue;
    }
    for (const col of columns) {
      const stated = col.pick(g.amounts);
      const computed = sumCells(g.counties.map((c) => col.pick(c.amounts)));
      if (stated === 'invalid' || computed === undefined) continue;
      const statedFen = stated ?? 0n;
      if (statedFen !== computed) {
        fail(
          g.row,
          `${at(g.row, g.label)}“${col.label}”小计为 ${fmt(statedFen)}，但所属 ${g.counties.length} 个县（市、区）合计为 ${fmt(computed)}` +
            `（相差 ${fmt(abs(statedFen - computed))}）`,
          col.label,
        );
      }
    }
  }

  // Grand total: the sum of the subtotals (with any county rows outside a city), or of the counties.
  for (const t of totals) {
    for (const col of columns) {
      const stated = col.pick(t.amounts);
      if (stated === 'invalid') continue;
      const statedFen = stated ?? 0n;
      const ofCounties = sumCells(counties.map((c) => col.pick(c.amounts)));
      const ofSubtotals =
        groups.length === 0 ? undefined : sumCells([...groups.map((g) => col.pick(g.amounts)), ...loose.map((c) => col.pick(c.amounts))]);
      if (statedFen === ofCounties || statedFen === ofSubtotals) continue;
      if (ofCounties === undefined && ofSubtotals === undefined) continue;
      let expected: string;
      if (ofSubtotals === undefined) expected = `各县（市、区）合计为 ${fmt(ofCounties!)}`;
      else if (ofCounties === undefined || ofCounties === ofSubtotals) expected = `各市小计之和为 ${fmt(ofSubtotals)}`;
      else expected = `各市小计之和为 ${fmt(ofSubtotals)}、各县（市、区）合计为 ${fmt(ofCounties)}`;
      fail(t.row, `${at(t.row, t.label)}“${col.label}”合计为 ${fmt(statedFen)}，但${expected}`, col.label);
    }
  }

  if (errors.length > 0) {
    return {
      ok: false,
      errors: errors
        .map((e, n) => ({ e, n }))
        .sort((a, b) => a.e.row - b.e.row || a.n - b.n)
        .map((x) => x.e),
    };
  }

  // ── 4. result (every cell is valid here) ──
  const fen = (c: Cell): bigint => (typeof c === 'bigint' ? c : 0n);
  const allocations: ParsedAllocation[] = counties.map((c) => ({
    row: c.row,
    regionCode: c.record!.code,
    name: c.name,
    amountFen: fen(c.amounts.amount),
    earmarks: layout.earmarks
      .map((e, k) => ({ purpose: e.purpose, amountFen: fen(c.amounts.earmarks[k] ?? null) }))
      .filter((e) => e.amountFen > 0n),
    category: c.category,
  }));
  return {
    ok: true,
    unit: tableUnit,
    allocations,
    totalFen: allocations.reduce((s, a) => s + a.amountFen, 0n),
    earmarkTotals: layout.earmarks.map((e, k) => ({
      purpose: e.purpose,
      amountFen: counties.reduce((s, c) => s + fen(c.amounts.earmarks[k] ?? null), 0n),
    })),
    cities: groups.map((g) => ({ row: g.row, name: g.record!.name, regionCode: g.record!.code, subtotalFen: fen(g.amounts.amount) })),
  };
}

// ───────────────────────────── helpers ─────────────────────────────

function rootRecord(code: string | undefined): RegionRecord | undefined {
  if (code === undefined) return undefined;
  const record = isRegionCode(code) ? getRegionByCode(code) : undefined;
  if (!record) throw new RangeError(`未知的区划代码（rootRegionCode）：${JSON.stringify(code)}`);
  return record;
}

function buildLayout(
  labels: string[],
  hit: HeaderHit,
  headerRow: number,
  fail: (row: number, message: string, column?: string) => void,
): Layout {
  const earmarks: EarmarkColumn[] = [];
  let categoryCol: number | null = null;
  labels.forEach((label, col) => {
    if (col === hit.nameCol || col === hit.amountCol || label === '') return;
    const k = key(label);
    if (isEarmarkHeader(k)) {
      const purpose = label.replace(/^其中[:：]?/, '');
      if (purpose === '') {
        fail(headerRow, `第${headerRow}行：表头“${label}”没有写明用途，应写作“其中：用途”`, label);
      } else if (earmarks.some((e) => key(e.purpose) === key(purpose))) {
        fail(headerRow, `第${headerRow}行：表头“其中：${purpose}”重复`, label);
      } else {
        earmarks.push({ col, label, purpose });
      }
    } else if (categoryCol === null && isCategoryHeader(k)) {
      categoryCol = col;
    }
  });
  return {
    nameCol: hit.nameCol,
    nameLabel: labels[hit.nameCol] || '市县名',
    amountCol: hit.amountCol,
    amountLabel: labels[hit.amountCol] || '金额',
    earmarks,
    categoryCol,
  };
}

function isGrandTotal(label: string, root: RegionRecord | undefined): boolean {
  if (GRAND_TOTAL.test(label)) return true;
  // 山西省合计: a total named after a province.
  const sub = SUBTOTAL.exec(label);
  if (sub && resolveRegionName(sub[1], { level: 'province' })) return true;
  if (!root) return false;
  // 塔城地区 / 朔州市小计 in a table allocating within that very region.
  const rootName = key(root.name);
  return label === rootName || ['合计', '总计', '小计'].some((w) => label === `${rootName}${w}`);
}

/** A city-level region by name, inside the root when there is one. */
function resolveCity(name: string, root: RegionRecord | undefined): RegionRecord | undefined {
  if (root && root.level !== 'province') return undefined;
  return resolveRegionName(name, { level: 'city', parentCode: root?.code });
}

function openGroup(groups: CityGroup[], group: CityGroup, fail: (row: number, message: string, column?: string) => void): CityGroup {
  const before = group.record && groups.find((g) => g.record?.code === group.record!.code);
  if (before) fail(group.row, `${at(group.row, group.label)}与第${before.row}行（${before.label}）是同一个市的小计，不能重复列出`);
  groups.push(group);
  return group;
}

function unknownCounty(name: string, scope: RegionRecord | undefined): string {
  if (scope) {
    const elsewhere = resolveRegionName(name, { level: 'county' });
    const parent = elsewhere?.parentCode ? getRegionByCode(elsewhere.parentCode) : undefined;
    if (elsewhere && parent && parent.code !== scope.code) {
      return `“${name}”属于${parent.name}，不是${scope.name}下辖的县级单位，请检查它是否列在了正确的市小计下面`;
    }
    return `在${scope.name}下未找到名为“${name}”的县级区划`;
  }
  return `未找到名为“${name}”的县级区划（同名地区请写在所属市的小计行下面）`;
}

/** Sum of parsed cells (blank = 0); undefined when any cell is invalid. */
function sumCells(cells: Cell[]): bigint | undefined {
  let total = 0n;
  for (const c of cells) {
    if (c === 'invalid') return undefined;
    if (c !== null) total += c;
  }
  return total;
}

const abs = (n: bigint): bigint => (n < 0n ? -n : n);

const at = (row: number, label: string): string => `第${row}行（${label}）：`;

const rowLabel = (r: TotalRow | CityGroup | CountyRow): string => ('name' in r ? r.name : r.label);

const unitName = (u: AllocationTableUnit): string => (u === 'wan' ? '万元' : '元');

/** Drops trailing zeros of a fixed-point string: "4659.000000" → "4659", "0.500000" → "0.5". */
const trimZeros = (s: string): string => s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

/** An amount for a message, in 万元 (and in 元 as well for a table kept in 元). */
export function formatAmount(fen: bigint, unit: AllocationTableUnit = 'wan'): string {
  const wan = `${trimZeros(formatWan(fen))} 万元`;
  return unit === 'wan' ? wan : `${trimZeros(formatYuan(fen))} 元（${wan}）`;
}
