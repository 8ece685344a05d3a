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
  /** Output bytes before the current gzip member (files may hold several). */
  private memberStart = 0
  /** Kept so that asking again after a failed peek reports the same problem. */
  private failure: FormatError | undefined

  constructor(input: Uint8Array) {
    this.input = input
    this.stream = new Gunzip((chunk) => {
      this.chunks.push(chunk)
      this.produced += chunk.length
    })
    this.stream.onmember = () => {
      this.memberStart = this.produced
    }
  }

  /** The first `n` decompressed bytes (fewer when the content is shorter). */
  head(n: number): Uint8Array {
    if (this.failure) throw this.failure
    while (this.produced < n && !this.finished) this.pushUpTo(this.consumed + HEAD_STEP)
    return concat(this.chunks, Math.min(n, this.produced))
  }

  /** The whole decompressed content, as one array. */
  all(): Uint8Array {
    if (this.failure) throw this.failure
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
      const reason = error instanceof Error ? error.message : String(error)
      this.fail(
        `gzip: the compressed data is corrupt or truncated (${reason}) after ${this.produced} decompressed bytes.`,
      )
    }
    this.consumed = stop
    this.finished = final
    if (final) this.checkTrailer()
  }

  private fail(message: string): never {
    this.finished = true
    this.failure = new FormatError(message)
    throw this.failure
  }

  /**
   * The streaming inflater stops quietly when the input ends early, so compare the output with the
   * size the gzip trailer records (ISIZE, modulo 2^32): a cut or corrupted stream disagrees.
   */
  private checkTrailer(): void {
    const n = this.input.length
    const recorded =
      n < 18
        ? -1
        : (this.input[n - 4] |
            (this.input[n - 3] << 8) |
            (this.input[n - 2] << 16) |
            (this.input[n - 1] << 24)) >>>
          0
    const actual = (this.produced - this.memberStart) % 0x100000000
    if (recorded !== actual) {
      this.fail(
        `gzip: the compressed data is truncated or corrupt: it inflates to ${this.produced} bytes but its trailer records ${recorded < 0 ? 'nothing' : recorded}.`,
      )
    }
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
