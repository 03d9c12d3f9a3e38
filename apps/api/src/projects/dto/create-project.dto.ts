import { ProjectApplicationFields } from './project-application.dto';

/** POST /projects: a new draft (草稿). */
export class CreateProjectDto extends ProjectApplicationFields {}
