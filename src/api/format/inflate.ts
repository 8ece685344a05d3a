/**
 * A canonical Huffman code as a lookup table indexed by the next `bits` input bits (first bit lowest);
 * each entry is `symbol << 4 | code length`, 0 where no code matches.
 */
interface Huffman {
  entries: Uint16Array
  bits: number
  mask: number
}

function huffman(lengths: Uint8Array): Huffman {
  const count = new Uint16Array(16)
  let bits = 0
  for (const length of lengths) {
    count[length]++
    if (length > bits) bits = length
  }
  // First code of each length (RFC 1951 3.2.2).
  const next = new Uint16Array(16)
  for (let length = 1, code = 0; length < 16; length++) {
    code = (code + (length > 1 ? count[length - 1] : 0)) << 1
    next[length] = code
  }
  const entries = new Uint16Array(1 << bits)
  lengths.forEach((length, symbol) => {
    if (!length) return
    const code = next[length]++
    // Codes are sent most significant bit first: reverse them for the lowest-bit-first lookup.
    let reversed = 0
    for (let i = 0; i < length; i++) reversed |= ((code >> i) & 1) << (length - 1 - i)
    for (let k = reversed; k < entries.length; k += 1 << length) entries[k] = (symbol << 4) | length
  })
  return { entries, bits, mask: (1 << bits) - 1 }
}

// Base values and extra bits of the length (257..285) and distance (0..29) codes, RFC 1951 3.2.5.
const LENGTH_BASE = new Uint16Array(29)
const LENGTH_EXTRA = new Uint8Array(29)
const DISTANCE_BASE = new Uint16Array(30)
const DISTANCE_EXTRA = new Uint8Array(30)
for (let i = 0, length = 3, distance = 1; i < 30; i++) {
  if (i < 29) {
    LENGTH_EXTRA[i] = i < 8 || i === 28 ? 0 : (i >> 2) - 1
    LENGTH_BASE[i] = i === 28 ? 258 : length
    length += 1 << LENGTH_EXTRA[i]
  }
  DISTANCE_EXTRA[i] = i < 2 ? 0 : (i >> 1) - 1
  DISTANCE_BASE[i] = distance
  distance += 1 << DISTANCE_EXTRA[i]
}
// The order in which a dynamic block sends the code lengths of its code-length code.
const ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

let fixed: [Huffman, Huffman] | undefined
function fixedCodes(): [Huffman, Huffman] {
  const lengths = new Uint8Array(288).fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280)
  fixed ??= [huffman(lengths), huffman(new Uint8Array(32).fill(5))]
  return fixed
}

/**
 * Decompresses raw DEFLATE data (RFC 1951) starting at `start`, synchronously. With `limit`, stops
 * once at least that many bytes are out (to peek at the head of a large stream). Output memory grows
 * with the data actually produced, whatever a container header claims.
 *
 * @returns the decompressed bytes, and `end`: the input position after the final block.
 * @throws Error naming what is wrong (end of data, invalid code, distance or block type).
 */
export function inflate(
  input: Uint8Array,
  start = 0,
  limit = Number.POSITIVE_INFINITY,
): { data: Uint8Array; end: number } {
  let position = start
  let buffer = 0
  let count = 0
  // Start at twice the input, double as needed: about twice the output at most is ever held.
  let out = new Uint8Array(Math.min(limit, Math.max(1024, (input.length - start) * 2)))
  let o = 0
  const fail = (reason: string): never => {
    throw new Error(`${reason} after ${o} decompressed bytes`)
  }
  // Bits are taken lowest first from a buffer filled a byte at a time (never past the input).
  const fill = (n: number) => {
    while (count < n && position < input.length) {
      buffer |= input[position++] << count
      count += 8
    }
  }
  const bits = (n: number) => {
    if (count < n) fill(n)
    if (count < n) fail('unexpected end of data')
    const value = buffer & ((1 << n) - 1)
    buffer >>>= n
    count -= n
    return value
  }
  const decode = (code: Huffman) => {
    if (count < code.bits) fill(code.bits)
    const entry = code.entries[buffer & code.mask]
    const length = entry & 15
    if (!length || length > count) fail(length ? 'unexpected end of data' : 'invalid Huffman code')
    buffer >>>= length
    count -= length
    return entry >> 4
  }
  const room = (n: number) => {
    if (o + n <= out.length) return
    const bigger = new Uint8Array(Math.max(out.length * 2, o + n))
    bigger.set(out)
    out = bigger
  }

  let final = 0
  while (!final && o < limit) {
    final = bits(1)
    const type = bits(2)
    if (type === 0) {
      // Stored block: byte-aligned LEN and its complement NLEN, then LEN bytes as they are.
      position -= count >> 3
      buffer = count = 0
      if (position + 4 > input.length) fail('unexpected end of data')
      const length = input[position] | (input[position + 1] << 8)
      if ((length ^ (input[position + 2] | (input[position + 3] << 8))) !== 0xffff)
        fail('invalid stored block length')
      position += 4
      if (position + length > input.length) fail('unexpected end of data')
      room(length)
      out.set(input.subarray(position, position + length), o)
      o += length
      position += length
      continue
    }
    let literals: Huffman
    let distances: Huffman
    if (type === 1) {
      ;[literals, distances] = fixedCodes()
    } else if (type === 2) {
      const literalCount = bits(5) + 257
      const distanceCount = bits(5) + 1
      const codeLengthCount = bits(4) + 4
      const codeLengths = new Uint8Array(19)
      for (let i = 0; i < codeLengthCount; i++) codeLengths[ORDER[i]] = bits(3)
      const lengthCode = huffman(codeLengths)
      const lengths = new Uint8Array(literalCount + distanceCount)
      for (let i = 0; i < lengths.length; ) {
        const symbol = decode(lengthCode)
        if (symbol < 16) {
          lengths[i++] = symbol
          continue
        }
        // 16: repeat the previous length 3-6 times; 17: 3-10 zeros; 18: 11-138 zeros.
        if (symbol === 16 && i === 0) fail('invalid code lengths')
        const value = symbol === 16 ? lengths[i - 1] : 0
        const repeat = symbol === 16 ? 3 + bits(2) : symbol === 17 ? 3 + bits(3) : 11 + bits(7)
        if (i + repeat > lengths.length) fail('invalid code lengths')
        lengths.fill(value, i, i + repeat)
        i += repeat
      }
      literals = huffman(lengths.subarray(0, literalCount))
      distances = huffman(lengths.subarray(literalCount))
    } else {
      return fail('invalid block type')
    }
    for (;;) {
      const symbol = decode(literals)
      if (symbol < 256) {
        if (o === out.length) room(1)
        out[o++] = symbol
      } else if (symbol === 256) {
        break
      } else {
        const i = symbol - 257
        if (i >= 29) fail('invalid length code')
        const length = LENGTH_BASE[i] + bits(LENGTH_EXTRA[i])
        const d = decode(distances)
        if (d >= 30) fail('invalid distance code')
        const distance = DISTANCE_BASE[d] + bits(DISTANCE_EXTRA[d])
        if (distance > o) fail('invalid distance')
        room(length)
        // Long copies that do not overlap themselves go in one call; short ones byte by byte.
        if (length > 16 && distance >= length) {
          out.copyWithin(o, o - distance, o - distance + length)
          o += length
        } else {
          for (let k = 0; k < length; k++, o++) out[o] = out[o - distance]
        }
      }
      if (o >= limit) break
    }
  }
  // Whole bytes read ahead go back: `end` is the first byte after the final block.
  return { data: o < out.length ? out.slice(0, o) : out, end: position - (count >> 3) }
}
