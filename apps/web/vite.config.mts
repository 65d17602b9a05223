import { defineConfig } from 'vite';

/**
 * The web app's build: React compiled by Vite's own transformer (oxc), no plugin needed for a production build.
 * Everything it loads at run time is in dist/: no CDN, no web fonts, no network beyond the API on the same origin.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 500,
    rolldownOptions: {
      // React libraries mark modules "use client" for server components; a client-only bundle can ignore it.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  logLevel: 'info',
});
