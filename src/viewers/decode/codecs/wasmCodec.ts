import type { CodecOutput } from './Codec.js'

/** The embind decoder classes of the @cornerstonejs codecs share this shape. */
export interface EmscriptenDecoder {
  getEncodedBuffer(length: number): Uint8Array
  getDecodedBuffer(): Uint8Array
  decode(): void
  getFrameInfo(): {
    width: number
    height: number
    bitsPerSample: number
    componentCount: number
    isSigned?: boolean
  }
  delete(): void
}

export type EmscriptenFactory = (options?: {
  locateFile?: (path: string, prefix: string) => string
  print?: (text: string) => void
}) => Promise<Record<string, unknown>>

// Emscripten's own test: Node (also under jsdom, or with a `window` shim), but not an Electron renderer.
const nodeProcess = (globalThis as { process?: { versions?: { node?: string }; type?: string } }).process
const IS_NODE = typeof nodeProcess?.versions?.node === 'string' && nodeProcess.type !== 'renderer'

// Held in a variable so bundlers for the browser do not try to resolve a Node built-in.
const NODE_MODULE = 'node:module'

/** Where the .wasm file is, in Node: resolved through the package's `exports` from this file. */
async function nodeWasmPath(specifier: string): Promise<string> {
  const { createRequire } = (await import(/* @vite-ignore */ NODE_MODULE)) as typeof import('node:module')
  return createRequire(import.meta.url).resolve(specifier)
}

/**
 * Instantiates an Emscripten codec once. In Node the .wasm is found via `createRequire(import.meta.url)`;
 * in browsers `browserWasmUrl()` gives the URL the bundler emitted (each codec writes a literal
 * `new URL('<package>/<wasm>', import.meta.url)` so Vite copies the file and rewrites the URL).
 * If an app's dev server pre-bundles datamint-react and the .wasm requests then fail, exclude the package
 * from pre-bundling (Vite: `optimizeDeps.exclude: ['datamint-react']`) so these URLs are resolved.
 */
export async function instantiate(
  loadFactory: () => Promise<{ default: EmscriptenFactory } | EmscriptenFactory>,
  wasmSpecifier: string,
  browserWasmUrl: () => URL,
): Promise<Record<string, unknown>> {
  // CommonJS factories arrive as the default export, sometimes wrapped once more by a bundler's interop.
  let factory: unknown = await loadFactory()
  while (typeof factory !== 'function' && factory && typeof factory === 'object' && 'default' in factory) {
    factory = factory.default
  }
  if (typeof factory !== 'function') throw new Error(`${wasmSpecifier}: the codec module has no factory`)
  const wasm = IS_NODE ? await nodeWasmPath(wasmSpecifier) : browserWasmUrl().href
  return (factory as EmscriptenFactory)({
    locateFile: (path) => (path.endsWith('.wasm') ? wasm : path),
    // OpenJPEG logs "[INFO] …" for every frame; errors still reach us as exceptions.
    print: () => {},
  })
}

/** Memoises a module promise, forgetting it when it rejects so a later call can retry. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined
  return () => {
    promise ??= make().catch((e: unknown) => {
      promise = undefined
      throw e
    })
    return promise
  }
}

/** Runs an embind decoder over `encoded` and copies its output out of the WASM heap. */
export function runDecoder<D extends EmscriptenDecoder>(
  decoder: D,
  encoded: Uint8Array,
  colorConverted: boolean,
  isPlanar: (decoder: D) => boolean = () => false,
): CodecOutput {
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded)
    decoder.decode()
    const info = decoder.getFrameInfo()
    const decoded = decoder.getDecodedBuffer()
    return {
      bytes: decoded.slice(),
      width: info.width,
      height: info.height,
      bytesPerSample: info.bitsPerSample > 8 ? 2 : 1,
      components: info.componentCount,
      colorConverted: colorConverted && info.componentCount === 3,
      planar: info.componentCount > 1 && isPlanar(decoder),
    }
  } finally {
    decoder.delete()
  }
}
