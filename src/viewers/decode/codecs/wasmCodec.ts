import { type CodecOutput, codecError } from './Codec.js'
import { codecBaseUrl } from './codecBaseUrl.js'

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
  printErr?: (text: string) => void
  wasmBinary?: ArrayBuffer | Uint8Array
}) => Promise<Record<string, unknown>>

/**
 * One Emscripten decoder, as scripts/vendor-codecs.mjs writes it into ./vendor: an ES module with no imports
 * and its .wasm beside it. `url` must be written in the codec's module as a literal
 * `new URL('./vendor/<file>', import.meta.url)`: bundlers (Vite dev and build, webpack 5) find the file from
 * that expression and rewrite it to where they serve it, even when the app's dev server pre-bundles us.
 */
export interface WasmModule {
  /** The .wasm file's name (also its name under a folder set with `setCodecBaseUrl`). */
  file: string
  factory: () => Promise<{ default: EmscriptenFactory }>
  url: () => URL
}

// In a variable so bundlers for the browser neither resolve nor warn about a Node built-in.
const NODE_FS = 'node:fs/promises'

const instantiated = new Set<string>()

// The last lines a codec printed to stderr during the current decode (decodes are synchronous: one at a time).
const diagnostics: string[] = []

/** The .wasm files instantiated so far (codecs load on first use). */
export function instantiatedCodecs(): string[] {
  return [...instantiated]
}

/** The module's WebAssembly bytes: read from disk for a file: URL (Node), else fetched. */
async function wasmBytes(module: WasmModule): Promise<Uint8Array> {
  const base = codecBaseUrl()
  const url = base ? new URL(module.file, base) : module.url()
  let bytes: Uint8Array
  if (url.protocol === 'file:') {
    const fs = (await import(
      /* @vite-ignore */ /* webpackIgnore: true */ NODE_FS
    )) as typeof import('node:fs/promises')
    bytes = await fs.readFile(url)
  } else {
    const response = await fetch(url)
    if (!response.ok) {
      throw new Error(`GET ${url} (codec ${module.file}) answered ${response.status}: ${HOW_TO_FIX}`)
    }
    bytes = new Uint8Array(await response.arrayBuffer())
  }
  // A dev server's fallback page instead of the file is the usual failure: say so rather than let
  // WebAssembly report a bad magic word.
  if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new Error(
      `${url} (codec ${module.file}) is not WebAssembly (the server answered something else): ${HOW_TO_FIX}`,
    )
  }
  return bytes
}

const HOW_TO_FIX =
  "serve the package's dist/viewers/decode/codecs/vendor/*.wasm files and call setCodecBaseUrl(folder) from 'datamint-react/viewers'"

/** Instantiates an Emscripten decoder once its .wasm bytes are in (see {@link WasmModule}). */
export async function instantiate(module: WasmModule): Promise<Record<string, unknown>> {
  const [{ default: factory }, wasmBinary] = await Promise.all([module.factory(), wasmBytes(module)])
  const instance = await factory({
    wasmBinary,
    // OpenJPEG logs "[INFO] …" for every frame; errors still reach us as exceptions.
    print: () => {},
    // Codecs explain a bad codestream on stderr (console.error by default), then throw a bare number:
    // the explanation is kept for the FormatError instead.
    printErr: (text) => {
      diagnostics.push(text)
      if (diagnostics.length > 4) diagnostics.shift()
    },
  })
  instantiated.add(module.file)
  return instance
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
    diagnostics.length = 0
    try {
      decoder.decode()
    } catch (e) {
      // Emscripten codecs throw strings, numbers (a C++ exception pointer) or Errors on bad codestreams.
      throw codecError(e, encoded.length, diagnostics.join('; '))
    }
    const info = decoder.getFrameInfo()
    // OpenJPH reports some bad codestreams only on stderr and leaves a 0×0 image.
    if (!(info.width > 0 && info.height > 0)) {
      throw codecError(new Error('the codec produced no image'), encoded.length, diagnostics.join('; '))
    }
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
