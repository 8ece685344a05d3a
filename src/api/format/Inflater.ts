import { Gunzip, Inflate } from 'fflate'
import { FormatError } from '../errors.js'
import { readUint } from './bytes.js'

// Compressed bytes pushed at a time. DEFLATE expands at most ~1032:1, so one push overshoots a limit by at
// most ~16 MiB: decompression stops close to the size a header declares, never gigabytes past it.
const CHUNK = 16 * 1024

/**
 * A gzip stream (RFC 1952, one or more members) or raw DEFLATE data (RFC 1951) decompressed with fflate's
 * streaming decoders, only as far as asked: {@link Inflater.head} inflates until it has the first `n`
 * bytes, so a header can be read, its declared size checked, and then exactly that much inflated. Memory
 * grows with what was asked for, never with what a forged stream could inflate to.
 *
 * @example
 * const gz = Inflater.gzip(bytes)
 * const header = gz.head(540)
 */
export class Inflater {
  private readonly chunks: Uint8Array[] = []
  private produced = 0
  private consumed = 0
  private ended = false
  // Where the current gzip member's output starts, to check each member's recorded size (ISIZE).
  private memberStart = 0

  private constructor(
    private readonly input: Uint8Array,
    private readonly stream: Gunzip | Inflate,
    private readonly what: string,
  ) {
    stream.ondata = (chunk, final) => {
      if (chunk.length > 0) this.chunks.push(chunk)
      this.produced += chunk.length
      if (final) this.ended = true
    }
    if (stream instanceof Gunzip) {
      stream.onmember = (offset) => {
        this.checkTrailer(offset)
        this.memberStart = this.produced
      }
    }
  }

  /** A gzip stream (`.gz`, `.nii.gz`). */
  static gzip(input: Uint8Array): Inflater {
    return new Inflater(input, new Gunzip(), 'gzip')
  }

  /** Raw DEFLATE data, as in a Deflated Explicit VR Little Endian DICOM data set. */
  static raw(input: Uint8Array, what = 'DEFLATE'): Inflater {
    return new Inflater(input, new Inflate(), what)
  }

  /** True once the whole stream was inflated (the last {@link head} returned everything there is). */
  get complete(): boolean {
    return this.ended || this.consumed >= this.input.length
  }

  /** The first `n` decompressed bytes, or all of them when the content is shorter. */
  head(n: number): Uint8Array {
    try {
      while (this.produced < n && !this.complete) {
        const end = Math.min(this.input.length, this.consumed + CHUNK)
        const last = end === this.input.length
        this.stream.push(this.input.subarray(this.consumed, end), last)
        this.consumed = end
        if (last && this.stream instanceof Gunzip && !this.endsInPadding())
          this.checkTrailer(this.input.length)
      }
    } catch (error) {
      if (error instanceof FormatError) throw error
      if (this.endsInPadding()) {
        this.ended = true
        return this.head(n)
      }
      throw new FormatError(
        `${this.what}: the compressed data is corrupt or truncated (${(error as Error).message}).`,
        { reason: 'corrupt', cause: error },
      )
    }
    const all = this.joined()
    return all.length > n ? all.subarray(0, n) : all
  }

  private joined(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0]
    const all = new Uint8Array(this.produced)
    let at = 0
    for (const chunk of this.chunks) {
      all.set(chunk, at)
      at += chunk.length
    }
    this.chunks.length = 0
    if (all.length > 0) this.chunks.push(all)
    return all
  }

  /**
   * Whether the gzip stream failed only on zero bytes after its last member, which gzip(1) and Python's gzip
   * module accept as padding: the input ends in zeros, and the last member's recorded size (ISIZE) sits just
   * before them (the trailer may itself end in zero bytes, hence the few positions tried).
   */
  private endsInPadding(): boolean {
    if (!(this.stream instanceof Gunzip)) return false
    let zeros = this.input.length
    while (zeros > 0 && this.input[zeros - 1] === 0) zeros--
    const size = (this.produced - this.memberStart) % 0x100000000
    for (let end = zeros; end <= Math.min(this.input.length - 1, zeros + 8); end++) {
      if (end >= 18 && readUint(this.input, end - 4, 4, true) === size) return true
    }
    return false
  }

  /**
   * A member ending at `end` must have inflated to the size its trailer records (modulo 2^32): a stream cut at
   * a block boundary inflates without error, only this size tells.
   */
  private checkTrailer(end: number): void {
    const size = this.produced - this.memberStart
    const recorded = end >= 8 ? readUint(this.input, end - 4, 4, true) : -1
    if (recorded !== size % 0x100000000) {
      throw new FormatError(
        `gzip: the compressed data is truncated or corrupt: it inflates to ${size} bytes but its trailer records ${recorded < 0 ? 'nothing' : recorded}.`,
        { reason: 'corrupt' },
      )
    }
  }
}
