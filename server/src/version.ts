/** The product version: package.json's, put in by the build (esbuild `define`); 'dev' when run from source. */
declare const TIFA_VERSION: string | undefined;
export const VERSION: string = typeof TIFA_VERSION === 'string' ? TIFA_VERSION : 'dev';
