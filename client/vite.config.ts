import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves client/dist in production; in development Vite proxies /api and /socket.io to it.
export default defineConfig({
  root: __dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
