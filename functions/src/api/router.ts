import { OpenAPIHono, z } from '@hono/zod-openapi';
import { ValidationError } from '@wardpulse/domain';
import type { Env } from 'hono';
import type { AppEnv } from './context.ts';
import { BadRequestError, summariseIssues, zodIssues } from './errors.ts';

export { BadRequestError } from './errors.ts';

/**
 * Every feature router is made here so request validation fails the same way everywhere:
 * a body that breaks its schema is 422, a bad query/path parameter 400, each issue named in
 * plain English (the messages come from `plainIssueMessage`, installed in `errors.ts`).
 */
export function createRouter<E extends Env = AppEnv>() {
  return new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (result.success) return;
      const issues = zodIssues(result.error, [result.target]);
      const message = summariseIssues(issues, result.target);
      if (result.target === 'json') throw new ValidationError(message, issues);
      throw new BadRequestError(message, issues);
    },
  });
}


export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation.failed' }),
      message: z.string(),
      issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string(), code: z.string().optional() })).optional(),
      correlationId: z.string().optional(),
    }),
  })
  .openapi('Error');

/** A JSON response of a route, for `createRoute({ responses })`. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** A required JSON request body, for `createRoute({ request })`. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });

/** Staff routes send the Cognito (or local issuer) access token as a bearer token. */
export const bearerSecurity = [{ bearer: [] }];

export const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });

/** Responses every staff route can give besides its own. */
export const staffErrorResponses = {
  401: errorResponse('No valid access token was sent.'),
  403: errorResponse('The caller lacks the role this needs.'),
};
