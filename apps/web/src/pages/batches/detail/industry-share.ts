import { useEffect, useState } from 'react';
import { counties, type CountyRow } from '../../../services/monitor';

/** The county's figures for the batch's year (GET /monitor/counties), reloaded whenever `version` changes. */
export function useCountyYear(countyCode: string, year: number, version: number): CountyRow | null {
  const [row, setRow] = useState<CountyRow | null>(null);
  useEffect(() => {
    let live = true;
    counties({ countyCode, year, page: 1, pageSize: 10 }).then(
      (page) => live && setRow(page.items.find((r) => r.countyCode === countyCode && r.year === year) ?? null),
      () => live && setRow(null),
    );
    return () => {
      live = false;
    };
  }, [countyCode, year, version]);
  return row;
}
