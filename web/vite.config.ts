import { defineConfig } from 'vite';

// `pnpm dev` sets WARDPULSE_API_URL to the local API; the dev server proxies /api there so the
// web app and API share an origin, as they do behind CloudFront.
const apiTarget = process.env.WARDPULSE_API_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  // The code is written against React's API (and typed by @types/react) but runs on Preact's
  // compat layer: ~10 KB gzip instead of React DOM's ~60 KB, which is what lets a resident's
  // first survey question arrive within the 60 KB budget (issue 14, bench/web.bench.ts).
  resolve: {
    alias: [
      { find: /^react$/, replacement: 'preact/compat' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-runtime' },
    ],
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
  preview: { host: '127.0.0.1', port: 4173 },
  // The manifest lets bench/web.bench.ts and the e2e size budget follow what each page loads.
  build: { target: 'es2022', sourcemap: true, reportCompressedSize: true, manifest: true },
});
