let baseUrl: URL | undefined

/**
 * Serves the codecs' WebAssembly files from `url` (a folder: a CDN, or your app's static files) instead of
 * where your bundler put them. Not needed with Vite (dev server and build) or webpack 5: the viewers locate
 * their .wasm files with `new URL(…, import.meta.url)`, which those resolve by default. The files are
 * `charls_decode.wasm`, `libjpegturbo_decode.wasm`, `openjpeg_decode.wasm` and `openjph_decode.wasm`, in
 * `datamint-react/dist/viewers/decode/codecs/vendor/`. Call it before the first compressed DICOM frame is
 * decoded (a codec already loaded keeps its instance); `undefined` goes back to the bundler's URLs.
 *
 * @example
 * ```ts
 * import { setCodecBaseUrl } from 'datamint-react/viewers'
 *
 * setCodecBaseUrl('https://cdn.example.com/datamint-react/0.1.0/codecs/')
 * ```
 */
export function setCodecBaseUrl(url: string | URL | undefined): void {
  // Resolved now (against the page in a browser) so a relative folder keeps meaning what it meant here.
  const base = (globalThis as { location?: { href: string } }).location?.href
  baseUrl = url === undefined ? undefined : new URL(String(url).replace(/\/?$/, '/'), base)
}

/** The folder set with {@link setCodecBaseUrl}, if any. */
export function codecBaseUrl(): URL | undefined {
  return baseUrl
}
