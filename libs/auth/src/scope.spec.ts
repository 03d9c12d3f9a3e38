import { countyOf, isWithinScope, NATIONAL_REGION_CODE } from './scope';

describe('region scope', () => {
  it('places a village inside its township, county, city and province only', () => {
    const village = '140602205901';
    expect(isWithinScope(village, '140602205000')).toBe(true);
    expect(isWithinScope(village, '140602000000')).toBe(true);
    expect(isWithinScope(village, '140600000000')).toBe(true);
    expect(isWithinScope(village, '140000000000')).toBe(true);
    expect(isWithinScope(village, '140602100000')).toBe(false);
    expect(isWithinScope(village, '140603000000')).toBe(false);
    expect(isWithinScope(village, '140602205902')).toBe(false);
  });

  it('lets the national scope see every region', () => {
    expect(isWithinScope('654201000000', NATIONAL_REGION_CODE)).toBe(true);
  });

  it('finds the county of a village', () => {
    expect(countyOf('140602205901')).toBe('140602000000');
  });
});
