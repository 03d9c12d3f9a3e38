import type { OpenAPIObject, OperationObject, ParameterObject, ResponseObject } from '@nestjs/swagger';
import { buildOpenApiDocument } from '../create-api-app';

type Entry = { label: string; operation: OperationObject };

function operations(document: OpenAPIObject): Entry[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    (['get', 'post', 'put', 'patch', 'delete'] as const).flatMap((method) => (item[method] ? [{ label: `${method.toUpperCase()} ${path}`, operation: item[method] }] : [])),
  );
}

/** What a client generated from the document needs from every operation; the fuzzer checks the rest against the running API. */
describe('OpenAPI document', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await buildOpenApiDocument();
  });

  it('names the body of every success answer (or says there is none)', () => {
    const missing = operations(document).filter(({ operation }) => {
      const success = Object.entries(operation.responses).filter(([status]) => /^2/.test(status));
      return success.length === 0 || success.some(([status, response]) => status !== '204' && !(response as ResponseObject).content);
    });
    expect(missing.map((m) => m.label)).toEqual([]);
  });

  it('gives every error answer the one error shape and the codes it may carry', () => {
    for (const { label, operation } of operations(document)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!/^[45]/.test(status) || (label === 'GET /health' && status === '503')) continue;
        expect([label, status, (response as ResponseObject).content?.['application/json']?.schema]).toEqual([label, status, { $ref: '#/components/schemas/ErrorBody' }]);
        expect((response as ResponseObject & { 'x-error-codes': string[] })['x-error-codes'].length).toBeGreaterThan(0);
      }
    }
  });

  it('asks for a bearer token everywhere but on public operations', () => {
    const open = operations(document).filter(({ operation }) => !operation.security?.length).map((o) => o.label);
    expect(open.sort()).toEqual([
      'GET /health',
      'GET /public/audit-roots',
      'GET /public/publicity',
      'GET /public/publicity/{id}/attachments',
      'GET /public/publicity/{id}/attachments/{aid}',
      'POST /auth/login',
      'POST /auth/logout',
      'POST /projects/{id}/objections',
    ]);
  });

  it('bounds pagination and closes request bodies to unknown fields', () => {
    const pageSize = operations(document)
      .flatMap(({ operation }) => (operation.parameters ?? []) as ParameterObject[])
      .filter((p) => p.name === 'pageSize');
    expect(pageSize.length).toBeGreaterThan(0);
    for (const p of pageSize) expect(p.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 200 });
    const schemas = document.components!.schemas as Record<string, { additionalProperties?: unknown }>;
    for (const name of ['CreateProjectDto', 'ReviewDto', 'CreateBatchDto', 'AllocationDto', 'PaymentDto', 'PolicyPatch', 'BatchImportForm']) {
      expect([name, schemas[name]?.additionalProperties]).toEqual([name, false]);
    }
  });

  it('requires the file of a multipart import and names the media types of exports', () => {
    const upload = document.paths['/batches/import'].post!.requestBody as { content: Record<string, { schema: { $ref: string } }> };
    const form = document.components!.schemas!.BatchImportForm as { required: string[] };
    expect(Object.keys(upload.content)).toEqual(['multipart/form-data']);
    expect(form.required).toContain('file');
    const list = document.paths['/projects'].get!.responses['200'] as ResponseObject;
    expect(Object.keys(list.content!)).toEqual(['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  });
});
