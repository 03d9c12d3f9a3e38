/** Chinese names of the codes the project's process records carry. */
export const FIELD_LABELS: Record<string, string> = {
  name: '项目名称',
  content: '建设内容',
  scale: '建设规模',
  place: '实施地点',
  farmerLink: '联农带农机制',
};

export const PAYMENT_KIND_LABELS = { progress: '进度款', final: '尾款', retention: '质保金', household: '到户补助' } as const;
export type PaymentKind = keyof typeof PAYMENT_KIND_LABELS;

export const CHANGE_KIND_LABELS = { budget: '预算调整', scope: '建设内容和规模', place: '实施地点' } as const;
export type ChangeKind = keyof typeof CHANGE_KIND_LABELS;

export const CHANGE_STATUS_LABELS = { pending: '待审批', approved: '已同意', refused: '未同意' } as const;

export const LEDGER_KIND_LABELS: Record<string, string> = {
  match: '资金匹配',
  unmatch: '撤销匹配',
  payment: '资金拨付',
  retention_held: '扣留质保金',
  retention_released: '质保金到期',
};

export const PROCUREMENT_METHODS = ['公开招标', '邀请招标', '竞争性谈判', '竞争性磋商', '询价', '单一来源', '村级自建（以工代赈）'];
