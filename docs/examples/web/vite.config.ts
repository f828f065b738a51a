import { defineConfig } from 'vite';

// `npm run dev` serves the page at http://localhost:5173, an origin the hub's local profile
// allows (HUB_CORS_ORIGINS) and the embedded Keycloak accepts for sign-in.
export default defineConfig({
  server: { host: 'localhost', port: 5173, strictPort: true },
  preview: { host: 'localhost', port: 5173, strictPort: true },
  build: { outDir: 'dist', sourcemap: true },
});
