/**
 * The API's route table as tests read it from `/api/openapi.json`: one entry per operation, with
 * the roles `allow()` published as `x-roles`, and helpers to call an operation and check the one
 * error body every failing request gets.
 */
import { expect } from 'vitest';
import type { Role } from '@wardpulse/domain';

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: { type?: string; format?: string };
}

interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, unknown> };
  'x-roles'?: Role[];
}

export interface OpenApiDocument {
  paths: Record<string, Partial<Record<string, OperationObject>>>;
}

export interface Operation {
  /** Lower case, as in the document: `get`, `post`… */
  method: string;
  /** The template, e.g. `/api/staff/surveys/{id}`. */
  path: string;
  label: string;
  parameters: ParameterObject[];
  requestBody?: OperationObject['requestBody'];
  roles?: Role[];
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({
        method,
        path,
        label: `${method.toUpperCase()} ${path}`,
        parameters: operation?.parameters ?? [],
        ...(operation?.requestBody ? { requestBody: operation.requestBody } : {}),
        ...(operation?.['x-roles'] ? { roles: operation['x-roles'] } : {}),
      })),
  );
}

/** An id no test has made. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** The path with each parameter filled by `values`, or by a well-formed value that names nothing. */
export function fillPath(operation: Operation, values: Record<string, string> = {}): string {
  return operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const given = values[name];
    if (given !== undefined) return given;
    const schema = operation.parameters.find((parameter) => parameter.in === 'path' && parameter.name === name)?.schema;
    if (schema?.format === 'uuid') return UNKNOWN_ID;
    if (schema?.type === 'integer' || schema?.type === 'number') return '1';
    return 'unknown';
  });
}

export interface ErrorDetail {
  code: string;
  message: string;
}

/** Asserts the response is JSON shaped `{ error: { code, message } }` and returns the error. */
export async function expectErrorBody(response: Response): Promise<ErrorDetail> {
  expect(response.headers.get('content-type'), `${response.status} content type`).toMatch(/^application\/json/);
  const body = (await response.json()) as { error?: ErrorDetail };
  expect(body, `${response.status} body`).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
  return body.error as ErrorDetail;
}
