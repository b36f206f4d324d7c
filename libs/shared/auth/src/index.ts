export * from './auth.decorators';
export * from './auth.guard';
export * from './auth.module';
export * from './authenticated-user';
export * from './request';
export * from './role';
export * from './token.service';
export * from './hidden-content';
