import { FormatError } from '../../../api/errors.js'

/** What a codec hands back for one frame: samples interleaved, little endian, 1 or 2 bytes each. */
export interface CodecOutput {
  bytes: Uint8Array
  width: number
  height: number
  /** Bytes per sample in `bytes` (1 or 2). */
  bytesPerSample: number
  components: number
  /** True when the codec already converted YCbCr to RGB (libjpeg-turbo does for JPEG baseline). */
  colorConverted: boolean
  /** True when components come one plane after another (JPEG-LS without interleaving). */
  planar: boolean
}

/** A codec module: decodes one frame's compressed bytes. */
export interface Codec {
  /** Loads the codec (WASM) once; rejects when it cannot be loaded in this environment. */
  prepare(): Promise<unknown>
  decodeFrame(encoded: Uint8Array, options: { bitsAllocated: number; signed: boolean }): Promise<CodecOutput>
}

/** A codec's failure on a frame's bytes, as the FormatError every codec throws; `diagnostic`: what it printed. */
export function codecError(e: unknown, length: number, diagnostic = ''): FormatError {
  const thrown = e instanceof Error ? e.message : typeof e === 'string' ? e : `codec error ${String(e)}`
  const why = diagnostic ? `${diagnostic.trim()} (${thrown})` : thrown
  return new FormatError(
    `the codestream (${length} bytes) could not be decoded: ${why}; the fragment is corrupt or incomplete`,
    { reason: 'corrupt', cause: e },
  )
}
