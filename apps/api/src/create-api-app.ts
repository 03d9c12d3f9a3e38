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
import { securityHeaders } from './common/security-headers';
import type { TrustProxy } from '../../../libs/config/src/trust-proxy';

export interface ApiAppSettings extends ApiSettings {
  /** TRUST_PROXY: whose X-Forwarded-For/-Proto decide the client's address and TLS; none when absent. */
  trustProxy?: TrustProxy;
}

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
export async function createApiApp(settings: ApiAppSettings): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(settings), {
    logger: ['error', 'warn'],
    bodyParser: false,
  });
  app.set('trust proxy', settings.trustProxy ?? false);
  app.disable('x-powered-by');
  // First, so that the console's files, Swagger UI and every error carry the headers too.
  app.use(securityHeaders());
  serveConsole(app);
  // A generous limit for applications with long texts; anything larger is refused with 413.
  app.use(requireJsonBodies);
  app.useBodyParser('json', { limit: '256kb', verify: verifyJsonBody });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());

  const document = openApiDocument(app);
  // No validator badge: it would send the document's address to validator.swagger.io, which the CSP refuses anyway.
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', swaggerOptions: { validatorUrl: null } });
  return app;
}
