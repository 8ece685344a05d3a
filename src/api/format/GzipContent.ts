import { Gunzip } from 'fflate'
import { FormatError } from '../errors.js'

/** Compressed bytes fed to the inflater per step while only the head is wanted. */
const HEAD_STEP = 16 * 1024

/**
 * A gzip stream decompressed lazily and only once: detection asks for the first bytes with
 * {@link GzipContent.head}, the NIfTI reader then asks for {@link GzipContent.all} and the
 * inflater simply carries on where the peek stopped. Memory grows with real output only, so a
 * forged gzip trailer cannot make us allocate more than the data actually inflates to.
 */
export class GzipContent {
  private readonly input: Uint8Array
  private readonly stream: Gunzip
  private chunks: Uint8Array[] = []
  private produced = 0
  private consumed = 0
  private finished = false

  constructor(input: Uint8Array) {
    this.input = input
    this.stream = new Gunzip((chunk) => {
      this.chunks.push(chunk)
      this.produced += chunk.length
    })
  }

  /** The first `n` decompressed bytes (fewer when the content is shorter). */
  head(n: number): Uint8Array {
    while (this.produced < n && !this.finished) this.pushUpTo(this.consumed + HEAD_STEP)
    return concat(this.chunks, Math.min(n, this.produced))
  }

  /** The whole decompressed content, as one array. */
  all(): Uint8Array {
    if (!this.finished) this.pushUpTo(this.input.length)
    if (this.chunks.length !== 1) this.chunks = [concat(this.chunks, this.produced)]
    return this.chunks[0]
  }

  private pushUpTo(end: number): void {
    const stop = Math.min(end, this.input.length)
    const final = stop === this.input.length
    try {
      this.stream.push(this.input.subarray(this.consumed, stop), final)
    } catch (error) {
      this.finished = true
      const reason = error instanceof Error ? error.message : String(error)
      throw new FormatError(
        `gzip: the compressed data is corrupt or truncated (${reason}) after ${this.produced} decompressed bytes.`,
        { cause: error },
      )
    }
    this.consumed = stop
    this.finished = final
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0].subarray(0, length)
  const out = new Uint8Array(length)
  let at = 0
  for (const chunk of chunks) {
    if (at >= length) break
    const part = chunk.subarray(0, length - at)
    out.set(part, at)
    at += part.length
  }
  return out
}
