import type { Codec } from './Codec.js'

/** Loads the codec for a frame, given the codestream's sample precision (JPEG Extended picks its decoder by it). */
export type CodecLoader = (precision: number) => Promise<Codec>

/**
 * A codec import made once: each codec is its own chunk (a literal `import('./x.js')` in the caller, so bundlers
 * split it), loaded the first time a file of its transfer syntax is decoded, and forgotten when loading fails
 * so a later call can retry. Kept after the first load: a repeated import() still costs a module resolution
 * (and a loader-thread round trip under Node loader hooks), which is more than decoding a small frame.
 *
 * @example
 * const jpegLs = lazyCodec(() => import('./jpegLs.js').then((m) => m.jpegLs))
 */
export function lazyCodec(load: () => Promise<Codec>): () => Promise<Codec> {
  let codec: Promise<Codec> | undefined
  return () => {
    codec ??= load().catch((e: unknown) => {
      codec = undefined
      throw e
    })
    return codec
  }
}
