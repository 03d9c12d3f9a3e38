import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { useUser } from '../app/session';
import { NATIONAL, childRegions, regionOf } from '../services/regions';
import type { Region } from '../services/types';

const LEVELS: readonly Region['level'][] = ['province', 'city', 'county', 'township', 'village'];

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

const optionOf = (r: Region, deepest: Region['level']): Option => ({
  value: r.code,
  label: r.name,
  isLeaf: LEVELS.indexOf(r.level) >= LEVELS.indexOf(deepest),
});

/**
 * A region inside the user's own, picked down the tree one level at a time (the tree is large, so
 * children load when a level is opened). The national administrator starts from the provinces;
 * everyone else from their own region, which is all they may look at anyway.
 */
export function RegionCascader({
  value,
  onChange,
  deepest = 'village',
  placeholder = '选择地区',
  id,
  style,
}: {
  /** The picked region's code. */
  value?: string;
  onChange: (code: string | undefined) => void;
  deepest?: Region['level'];
  placeholder?: string;
  id?: string;
  style?: React.CSSProperties;
}) {
  const user = useUser();
  const [options, setOptions] = useState<Option[]>([]);
  // A region given from outside (a link, a reload) is shown by name before its branch is opened.
  const [path, setPath] = useState<Array<{ code: string; name: string }>>([]);

  useEffect(() => {
    let live = true;
    if (!value) setPath([]);
    else if (path[path.length - 1]?.code !== value) {
      regionOf(value).then(
        (r) => {
          const chain = [...r.ancestors].reverse().concat(r);
          const top = user.regionCode === NATIONAL ? 0 : chain.findIndex((x) => x.code === user.regionCode);
          if (live) setPath(chain.slice(Math.max(0, top)).map((x) => ({ code: x.code, name: x.name })));
        },
        () => live && setPath([{ code: value, name: value }]),
      );
    }
    return () => {
      live = false;
    };
    // Only a value from outside needs its names looked up; one picked here already has them in `path`.
  }, [value, user.regionCode]);

  useEffect(() => {
    let live = true;
    const top = user.regionCode === NATIONAL ? childRegions() : regionOf(user.regionCode).then((r) => [r]);
    top.then(
      (regions) => live && setOptions(regions.map((r) => optionOf(r, deepest))),
      () => live && setOptions([]),
    );
    return () => {
      live = false;
    };
  }, [user.regionCode, deepest]);

  const loadData = async (path: Option[]) => {
    const target = path[path.length - 1];
    const children = await childRegions(target.value).catch(() => [] as Region[]);
    target.children = children.map((r) => optionOf(r, deepest));
    if (children.length === 0) target.isLeaf = true;
    setOptions((current) => [...current]);
  };

  return (
    <Cascader<Option>
      id={id}
      options={options}
      value={path.length ? path.map((p) => p.code) : undefined}
      displayRender={() => path.map((p) => p.name).join(' / ')}
      loadData={loadData}
      changeOnSelect
      allowClear
      placeholder={placeholder}
      style={{ minWidth: 220, ...style }}
      onChange={(codes, selected) => {
        const chosen = (selected ?? []).map((o) => ({ code: o.value, name: o.label }));
        setPath(chosen);
        onChange(codes?.length ? String(codes[codes.length - 1]) : undefined);
      }}
    />
  );
}
