import { FormatError } from '../errors.js'
import { readUint } from './bytes.js'
import { inflate } from './inflate.js'

/**
 * A gzip stream (RFC 1952, one or more members) decompressed on demand: detection asks for the first
 * bytes with {@link GzipContent.head}, which inflates only until it has them; the NIfTI reader then
 * asks for {@link GzipContent.all}, inflated once. Memory grows with real output only, so a forged
 * gzip trailer cannot make us allocate more than the data actually inflates to.
 */
export class GzipContent {
  private whole: Uint8Array | undefined

  constructor(private readonly input: Uint8Array) {}

  /** The first `n` decompressed bytes (fewer when the content is shorter). */
  head(n: number): Uint8Array {
    return (this.whole ?? this.gunzip(n)).subarray(0, n)
  }

  /** The whole decompressed content, as one array. */
  all(): Uint8Array {
    this.whole ??= this.gunzip(Number.POSITIVE_INFINITY)
    return this.whole
  }

  /** Members inflated in turn until `limit` bytes are out or the input ends. */
  private gunzip(limit: number): Uint8Array {
    const input = this.input
    const members: Uint8Array[] = []
    let produced = 0
    let at = 0
    do {
      let member: { data: Uint8Array; end: number }
      try {
        member = inflate(input, memberData(input, at), limit - produced)
      } catch (error) {
        throw new FormatError(
          `gzip: the compressed data is corrupt or truncated (${(error as Error).message}).`,
        )
      }
      members.push(member.data)
      produced += member.data.length
      if (produced >= limit) break
      // The trailer: CRC-32 (not checked), then ISIZE, the member's size modulo 2^32. A stream cut
      // at a block boundary inflates without error: only this size tells.
      at = member.end + 8
      const recorded = at <= input.length ? readUint(input, at - 4, 4, true) : -1
      if (recorded !== member.data.length % 0x100000000) {
        throw new FormatError(
          `gzip: the compressed data is truncated or corrupt: it inflates to ${produced} bytes but its trailer records ${recorded < 0 ? 'nothing' : recorded}.`,
        )
      }
    } while (input[at] === 0x1f && input[at + 1] === 0x8b)
    if (members.length === 1) return members[0]
    const out = new Uint8Array(produced)
    produced = 0
    for (const member of members) {
      out.set(member, produced)
      produced += member.length
    }
    return out
  }
}

/** Where a member's deflate data starts: after its 10-byte header and the optional fields its flags announce. */
function memberData(input: Uint8Array, at: number): number {
  if (input[at] !== 0x1f || input[at + 1] !== 0x8b || input[at + 2] !== 8) {
    throw new FormatError(`gzip: no gzip member header (1F 8B 08) at byte ${at}.`)
  }
  const flags = input[at + 3]
  let position = at + 10
  // FEXTRA: a length-prefixed field; FNAME and FCOMMENT: NUL-terminated text; FHCRC: 2 bytes.
  if (flags & 4) position += 2 + (input[position] | (input[position + 1] << 8))
  for (const flag of [8, 16]) {
    if (flags & flag) position = input.indexOf(0, position) + 1 || input.length
  }
  return flags & 2 ? position + 2 : position
}
