import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `pnpm dev` sets WARDPULSE_API_URL to the local API; the dev server proxies /api there so the
// web app and API share an origin, as they do behind CloudFront.
const apiTarget = process.env.WARDPULSE_API_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { target: 'es2022', sourcemap: true, reportCompressedSize: true },
});
