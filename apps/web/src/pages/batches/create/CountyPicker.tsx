import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useUser } from '../../../app/session';
import { childRegions, NATIONAL, regionOf } from '../../../services/regions';
import type { Region } from '../../../services/types';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
  selectable: boolean;
}

/** Only counties receive allocations; provinces and cities are opened, not chosen. */
const nodeOf = (r: Region): Node => ({
  id: r.code,
  pId: r.parentCode,
  value: r.code,
  title: r.name,
  isLeaf: r.level === 'county',
  selectable: r.level === 'county',
});

/** The regions a user may allocate to, as a tree opened on demand from the user's own region down to counties. */
function useRegionTree() {
  const user = useUser();
  const [nodes, setNodes] = useState<Node[]>([]);
  useEffect(() => {
    let live = true;
    const roots =
      user.regionCode === NATIONAL
        ? childRegions()
        : regionOf(user.regionCode).then((r) => (r.level === 'county' ? [r] : childRegions(r.code)));
    roots.then(
      (regions) => live && setNodes(regions.map((r) => ({ ...nodeOf(r), pId: null }))),
      () => live && setNodes([]),
    );
    return () => {
      live = false;
    };
  }, [user.regionCode]);
  const load = async (parent: string) => {
    const children = await childRegions(parent);
    setNodes((known) => [...known, ...children.filter((c) => !known.some((k) => k.id === c.code)).map(nodeOf)]);
  };
  return { nodes, load };
}

/** 地区: a county chosen from GET /regions; the form keeps its 12-digit code. */
export function CountyPicker({ value, onChange, id }: { value?: string; onChange?: (code: string) => void; id?: string }) {
  const { nodes, load } = useRegionTree();
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={onChange}
      treeDataSimpleMode
      treeData={nodes}
      loadData={(node) => load(String(node.value))}
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder="选择县（市、区）"
      notFoundContent="没有可选的地区"
      style={{ width: '100%' }}
    />
  );
}
