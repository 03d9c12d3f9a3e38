import { ATTACHMENT_KINDS, attachmentKindLabel, isAttachmentKind, isPublicKind } from './attachment-kinds';

describe('attachment kinds', () => {
  it('have unique codes and labels', () => {
    expect(new Set(ATTACHMENT_KINDS.map((k) => k.code)).size).toBe(ATTACHMENT_KINDS.length);
    expect(new Set(ATTACHMENT_KINDS.map((k) => k.label)).size).toBe(ATTACHMENT_KINDS.length);
  });

  it('names the kinds the notices speak of in Chinese', () => {
    expect(attachmentKindLabel('villagers_resolution')).toBe('村民代表大会决议');
    expect(attachmentKindLabel('county_meeting_minutes')).toBe('县政府常务会议纪要');
    expect(attachmentKindLabel('acceptance_report')).toBe('验收报告');
  });

  it('accepts only listed codes', () => {
    expect(isAttachmentKind('contract')).toBe(true);
    expect(isAttachmentKind('合同')).toBe(false);
    expect(isAttachmentKind('__proto__')).toBe(false);
    expect(isAttachmentKind(undefined)).toBe(false);
  });

  it('keeps the contract and the meeting minutes off the public board', () => {
    expect(isPublicKind('contract')).toBe(false);
    expect(isPublicKind('county_meeting_minutes')).toBe(false);
    expect(isPublicKind('villagers_resolution')).toBe(true);
    expect(isPublicKind('nonsense')).toBe(false);
  });
});
