import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The dashboard: Vite root is client/, built into client/dist that the server serves.
// In development, /api goes to a server started separately (BERCEAU_API_URL, default port 3999).
export default defineConfig({
  root: 'client',
  plugins: [vue()],
  build: {
    outDir: '../client/dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: {
      '/api': process.env.BERCEAU_API_URL ?? 'http://127.0.0.1:3999',
    },
  },
});
