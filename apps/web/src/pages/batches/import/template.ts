/** A blank table in the notices' shape, so a clerk starts from columns the reader knows. */
const TEMPLATE = [
  '2024年衔接推进乡村振兴补助资金分配表',
  '单位：万元',
  '市县名,金额,其中：健康乡村示范创建,备注',
  '朔州市小计,500,100,',
  '朔城区,500,100,先行示范县',
].join('\r\n');

export function downloadTemplate(): void {
  // The BOM lets spreadsheet programs read the Chinese headings as UTF-8.
  const url = URL.createObjectURL(new Blob(['\ufeff', TEMPLATE], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = '资金分配表模板.csv';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
