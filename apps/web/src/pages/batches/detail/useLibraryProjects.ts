import { useEffect, useState } from 'react';
import { listProjects } from '../../../services/projects';
import type { ProjectSummary } from '../../../services/types';

/** Stages a library project leaves the library by; the API refuses a match to them. */
const OUT_OF_LIBRARY = new Set(['rejected', 'withdrawn', 'returned']);

/**
 * 项目库 projects of one county matching what is typed: GET /projects has no library filter, so
 * the search narrows on the server and the library test (入库 by the county) is applied here.
 */
export function useLibraryProjects(countyCode: string, active: boolean) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<ProjectSummary[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!active) return;
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      listProjects({ regionCode: countyCode, q: q.trim() || undefined }, 1, 200).then(
        (page) => {
          if (!live) return;
          setItems(page.items.filter((p) => p.libraryAt && !OUT_OF_LIBRARY.has(p.stage)));
          setLoading(false);
        },
        () => {
          if (!live) return;
          setItems([]);
          setLoading(false);
        },
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [countyCode, q, active]);
  return { items, loading, search: setQ };
}
