import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule, type ApiSettings } from './app.module';
import { ErrorFilter } from './common/error.filter';
import { openApiDocument } from './common/openapi';
import { createValidationPipe } from './common/validation';
import { requireJsonBodies, verifyJsonBody } from './common/request-body';
import { serveConsole } from './console/console-assets';

/** The OpenAPI document alone, from an app in preview mode: no database, no Temporal, no port. */
export async function buildOpenApiDocument() {
  const settings: ApiSettings = { databaseUrl: 'postgres://preview@127.0.0.1:1/preview', temporal: { address: '127.0.0.1:1', namespace: 'default', taskQueue: 'preview' }, jwtSecret: 'preview-only-secret-value' };
  const app = await NestFactory.create(AppModule.register(settings), { preview: true, logger: false });
  try {
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}

/** Builds the HTTP app the same way for production, the single-machine launcher and e2e tests. */
export async function createApiApp(settings: ApiSettings): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(settings), {
    logger: ['error', 'warn'],
    bodyParser: false,
  });
  // A generous limit for applications with long texts; anything larger is refused with 413.
  serveConsole(app);
  app.use(requireJsonBodies);
  app.useBodyParser('json', { limit: '256kb', verify: verifyJsonBody });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());

  const document = openApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
