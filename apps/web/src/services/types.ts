/**
 * Names for the API's answers the pages render, all taken from the generated document
 * (`api-schema.d.ts`), so a change of the API that the console does not follow fails its type-check.
 */
import type { LoginRole, ProjectAction, Stage } from '../../../../libs/domain/src/stages';
import type { components } from './api-schema';

export type { LoginRole, ProjectAction, Stage };

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

type Schemas = components['schemas'];

export type SessionUser = Schemas['SessionUser'];
export type Region = Schemas['Region'];
export type RegionWithAncestors = Schemas['RegionWithAncestors'];
export type FundingSource = Schemas['FundingSource'];
export type Beneficiaries = Schemas['Beneficiaries'];
export type NextActor = Schemas['NextActor'];
/** A project as lists give it. */
export type ProjectSummary = Schemas['Project'];
/** A project with the actions its caller may take now. */
export type ProjectDetail = Schemas['ProjectDetail'];
export type OpenTask = Schemas['OpenTask'];
export type DoneTask = Schemas['DoneTask'];
export type PublicityNotice = Schemas['PublicityNotice'];
