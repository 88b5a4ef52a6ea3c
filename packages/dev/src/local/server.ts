/**
 * The local adapter: the same Hono app on `@hono/node-server`. Optionally also serves a built
 * web app with SPA fallback, so `/api` and the web share one origin as they do behind CloudFront.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppType } from '@wardpulse/functions/app';
import type { TokenVerifier } from '@wardpulse/functions/auth';
import type { DiskFileStore } from '@wardpulse/functions/files';
import { importFileKey } from '@wardpulse/functions/features/geography/run-import';

export interface LocalServerOptions {
  app: AppType;
  /** Local uploads (the S3 pre-signed PUT stand-in): authenticated with the same verifier. */
  uploads?: { files: DiskFileStore; verifyToken: TokenVerifier; maxBytes: number };
  port: number;
  host?: string;
  /** A built web app (`web/dist`) to serve beside the API. */
  webRoot?: string;
}

export interface LocalServer {
  url: string;
  stop(): Promise<void>;
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const host = options.host ?? '127.0.0.1';
  const outer = new Hono();
  if (options.uploads) {
    const { files, verifyToken, maxBytes } = options.uploads;
    // Stands in for S3's pre-signed PUT: streams the body to disk, outside the API's 64 KB JSON limit.
    // `<id>-lookup` is a boundaries import's ward → district lookup.
    outer.put('/api/staff/admin/imports/:id/file', async (c) => {
      const problem = (status: 401 | 403 | 404 | 413 | 422, code: string, message: string) => c.json({ error: { code, message } }, status);
      const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1];
      if (!token) return problem(401, 'auth.unauthenticated', 'Sign in to upload files.');
      try {
        const principal = await verifyToken(token);
        if (!principal.roles.includes('admin')) return problem(403, 'auth.forbidden', 'Only administrators can import geography.');
      } catch {
        return problem(401, 'auth.invalid_token', 'The access token is not valid.');
      }
      const id = c.req.param('id');
      if (!/^[0-9a-f-]{36}(-lookup)?$/.test(id)) return problem(404, 'import.not_found', 'No import job with that id.');
      const body = c.req.raw.body;
      if (!body) return problem(422, 'import.empty_upload', 'The upload had no body.');
      try {
        // The DOM and Node typings of ReadableStream differ only in generics; it is the same object.
        const bytes = await files.write(importFileKey(id), body as unknown as Parameters<DiskFileStore['write']>[1], maxBytes);
        return c.json({ bytes }, 200);
      } catch {
        return problem(413, 'request.too_large', `Uploads are limited to ${Math.round(maxBytes / 1024 ** 2)} MB.`);
      }
    });
  }
  outer.all('/api/*', (c) => options.app.fetch(c.req.raw));
  outer.all('/api', (c) => options.app.fetch(c.req.raw));
  if (options.webRoot) {
    if (!existsSync(`${options.webRoot}/index.html`)) {
      throw new Error(`No built web app in ${options.webRoot}; run \`pnpm --filter @wardpulse/web build\` first.`);
    }
    // serveStatic resolves `root` against the working directory.
    const root = relative(process.cwd(), options.webRoot) || '.';
    outer.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.ok) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
    });
    outer.use('/*', serveStatic({ root }));
    outer.get('*', serveStatic({ root, path: 'index.html' }));
  }
  let server: ServerType | undefined;
  await new Promise<void>((resolve, reject) => {
    server = serve({ fetch: outer.fetch, port: options.port, hostname: host }, () => resolve());
    server.once('error', reject);
  });
  const address = server!.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server!.close(() => resolve());
        if ('closeAllConnections' in server!) server.closeAllConnections();
      }),
  };
}
