import { ASSET_KIND_LABELS, ASSET_KINDS, isAssetKind, normaliseAssetKind } from './asset-kinds';

describe('asset kinds', () => {
  it('has a Chinese label for every code', () => {
    expect(ASSET_KINDS.map((kind) => ASSET_KIND_LABELS[kind])).toEqual(['经营性', '公益性', '到户']);
  });

  it('normalises the Chinese words to their codes and leaves codes and anything else alone', () => {
    expect(normaliseAssetKind('经营性')).toBe('operating');
    expect(normaliseAssetKind('公益性')).toBe('public_welfare');
    expect(normaliseAssetKind('到户')).toBe('household');
    expect(normaliseAssetKind('household')).toBe('household');
    expect(normaliseAssetKind('toString')).toBe('toString');
    expect(normaliseAssetKind(7)).toBe(7);
    expect(isAssetKind('toString')).toBe(false);
    expect(isAssetKind('public_welfare')).toBe(true);
  });
});
