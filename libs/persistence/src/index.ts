export * from './data-source';
export * from './entities/region.entity';
export * from './entities/user.entity';
export * from './entities/project.entity';
export * from './entities/project-event.entity';
export * from './embedded/embedded-postgres';
