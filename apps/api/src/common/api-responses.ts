import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiProduces, getSchemaPath } from '@nestjs/swagger';

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE = { type: 'string', format: 'binary' } as const;

/**
 * A list that answers one page as JSON, or with `format=csv|xlsx` every matching row as a file: the
 * document names the JSON schema and both file types, so a client knows all three bodies.
 */
export function ApiPageOrFile(page: Type<unknown>, description: string): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(page),
    ApiProduces('application/json', CSV, XLSX),
    ApiOkResponse({
      description,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(page) } },
        [CSV]: { schema: FILE },
        [XLSX]: { schema: FILE },
      },
    }),
  );
}

/** 200 with either of two shapes (e.g. the open or the done inbox), whichever the query asks for. */
export function ApiOkAnyOf(description: string, ...types: Type<unknown>[]): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(...types),
    // anyOf, not oneOf: an empty page is both shapes at once.
    ApiOkResponse({ description, schema: { anyOf: types.map((t) => ({ $ref: getSchemaPath(t) })) } }),
  );
}

/**
 * A multipart upload: `form` is a class that documents the parts, its `file` required. The handler's
 * own DTO (the form without the file) is still what the validation pipe checks.
 */
export function ApiMultipartForm(form: Type<unknown>): MethodDecorator {
  return applyDecorators(ApiConsumes('multipart/form-data'), ApiBody({ type: form, required: true }));
}
