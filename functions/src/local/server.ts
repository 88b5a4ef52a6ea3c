/**
 * The local adapter: the same Hono app on `@hono/node-server`. Optionally also serves a built
 * web app with SPA fallback, so `/api` and the web share one origin as they do behind CloudFront.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppType } from '../api/app.ts';

export interface LocalServerOptions {
  app: AppType;
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
