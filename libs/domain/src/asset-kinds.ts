/**
 * 资产类别 of an asset a project formed (资产确权移交): 经营性 (operating: earns income for the
 * collective), 公益性 (public welfare), 到户 (handed to households).
 */
export const ASSET_KINDS = ['operating', 'public_welfare', 'household'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

export const ASSET_KIND_LABELS: Readonly<Record<AssetKind, string>> = {
  operating: '经营性',
  public_welfare: '公益性',
  household: '到户',
};

/** The Chinese words the API took before the codes; clients may still send them. */
export type LegacyAssetKind = '经营性' | '公益性' | '到户';
export const ASSET_KIND_ALIASES: Readonly<Record<LegacyAssetKind, AssetKind>> = {
  经营性: 'operating',
  公益性: 'public_welfare',
  到户: 'household',
};

/**
 * The code for a code or its Chinese word; anything else comes back unchanged so that validation
 * can refuse it with its own message. Projects accepted before the codes keep the Chinese word in
 * their workflow history (which must replay unchanged), so readers normalise too.
 */
export function normaliseAssetKind<T>(value: T): T | AssetKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ASSET_KIND_ALIASES, value) ? ASSET_KIND_ALIASES[value as LegacyAssetKind] : value;
}

export function isAssetKind(value: unknown): value is AssetKind {
  return typeof value === 'string' && (ASSET_KINDS as readonly string[]).includes(value);
}
