import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildOpenApiDocument } from '../apps/api/src/create-api-app';

/**
 * Writes the API's OpenAPI document without a database or Temporal: the app is created in Nest's
 * preview mode, which reads every controller and DTO but instantiates no provider.
 */
async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'dist/openapi.json');
  const document = await buildOpenApiDocument();
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`OpenAPI document written: ${out}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
