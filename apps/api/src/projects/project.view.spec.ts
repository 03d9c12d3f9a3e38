import type { ProjectEntity } from '../../../../libs/persistence/src/entities/project.entity';
import { projectView } from './project.view';

describe('project view', () => {
  it('shows an asset kind stored as its Chinese word (projects accepted before the codes) as its code', () => {
    const asset = (kind: string) => ({ name: '资产', kind, valueFen: '100', owner: '村集体', caretaker: '村委会' });
    const project = {
      id: 'p-1',
      stage: 'disbursement',
      totalBudgetFen: '100',
      fundingSources: [],
      performanceTargets: [],
      details: { acceptances: [{ result: 'pass', findings: '合格', acceptedAt: '2024-10-15', recordedAt: '2024-10-15T00:00:00Z', assets: [asset('经营性'), asset('到户'), asset('public_welfare')] }] },
      libraryAt: null,
      createdAt: new Date('2024-01-01T00:00:00Z'),
      updatedAt: new Date('2024-10-15T00:00:00Z'),
    } as unknown as ProjectEntity;
    const kinds = projectView(project).process.acceptances[0].assets.map((a) => a.kind);
    expect(kinds).toEqual(['operating', 'household', 'public_welfare']);
  });
});
