// Set at build time from package.json (esbuild `define`); "dev" when run from sources.
declare const __QUADLET_LS_VERSION__: string | undefined;
export const VERSION: string = typeof __QUADLET_LS_VERSION__ === 'string' ? __QUADLET_LS_VERSION__ : 'dev';
