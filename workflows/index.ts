/** Every workflow the worker registers; the bundler starts from this file. */
export { projectWorkflow } from './project/project.workflow';
export { allocationWorkflow } from './funds/allocation.workflow';
export { dayRootsWorkflow } from './audit/day-roots.workflow';
