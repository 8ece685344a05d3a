import { constants, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../../src/api/errors.js'
import { GzipContent } from '../../../src/api/format/GzipContent.js'
import { inflate } from '../../../src/api/format/inflate.js'
import { fixture } from './fixtures.js'

// zlib (Node's) is the reference: our inflate must give back exactly what it compressed.

const bytes = (b: Buffer | Uint8Array) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
const volume = bytes(gunzipSync(fixture('nifti/example4d.nii.gz')))

/** Data with repeats at short and long distances, over a small or large alphabet. */
const compressible = fc
  .tuple(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 256 }), fc.nat({ max: 40_000 }))
  .map(([seed, alphabet, repeats]) => {
    const out = new Uint8Array(seed.length + repeats)
    for (let i = 0; i < out.length; i++) {
      out[i] = i < seed.length ? seed[i] % alphabet : out[i - 1 - ((i * 7919) % Math.min(i, 32_000)) || 0]
    }
    return out
  })

describe('inflate: what zlib deflated, byte for byte', () => {
  it.each([
    ['default', {}],
    ['level 1', { level: 1 }],
    ['stored blocks only (level 0)', { level: 0 }],
    ['fixed Huffman codes only', { strategy: constants.Z_FIXED }],
    ['Huffman only, no matches', { strategy: constants.Z_HUFFMAN_ONLY }],
    ['run-length matches', { strategy: constants.Z_RLE }],
  ])('the example4d volume, %s', (_, options) => {
    const compressed = bytes(deflateRawSync(volume, options))
    const { data, end } = inflate(compressed)
    expect(data.length).toBe(volume.length)
    expect(Buffer.compare(data, volume)).toBe(0)
    expect(end).toBe(compressed.length)
  })

  it('random data at every level, from an offset, reporting where the stream ends', () => {
    fc.assert(
      fc.property(compressible, fc.integer({ min: 0, max: 9 }), fc.nat({ max: 20 }), (raw, level, at) => {
        const compressed = bytes(deflateRawSync(raw, { level }))
        const input = new Uint8Array(at + compressed.length + 3)
        input.set(compressed, at)
        const { data, end } = inflate(input, at)
        expect(Buffer.compare(data, raw)).toBe(0)
        expect(end).toBe(at + compressed.length)
      }),
      { numRuns: 150, seed: 1126 },
    )
  })

  it('stops early once `limit` bytes are out', () => {
    const { data } = inflate(bytes(deflateRawSync(volume)), 0, 540)
    expect(data.length).toBeGreaterThanOrEqual(540)
    expect(data.length).toBeLessThan(volume.length)
    expect(Buffer.compare(data.subarray(0, 540), volume.subarray(0, 540))).toBe(0)
  })

  it('fails with a reason, never hangs, on cut or corrupted streams', () => {
    const compressed = bytes(deflateRawSync(volume.subarray(0, 20_000)))
    expect(() => inflate(compressed.subarray(0, compressed.length >> 1))).toThrowError(
      /^unexpected end of data after \d+ decompressed bytes$/,
    )
    expect(() => inflate(new Uint8Array([0x07]))).toThrowError(/^invalid block type/)
    // A stored block whose NLEN is not the complement of LEN.
    expect(() => inflate(new Uint8Array([0x01, 0x05, 0x00, 0x00, 0x00]))).toThrowError(
      /^invalid stored block length/,
    )
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        (mutations) => {
          const mutated = compressed.slice()
          for (const [at, value] of mutations) mutated[at % mutated.length] = value
          try {
            inflate(mutated)
          } catch (error) {
            expect((error as Error).message).toMatch(
              /^(unexpected end|invalid) .* after \d+ decompressed bytes$/,
            )
          }
        },
      ),
      { numRuns: 200, seed: 7 },
    )
  })
})

describe('GzipContent', () => {
  it('reads every member of a multi-member stream, with optional header fields', () => {
    const first = bytes(gzipSync(volume.subarray(0, 5000)))
    // FEXTRA (4 bytes), FNAME, FCOMMENT and FHCRC set by hand on a copy of the first member's data.
    const second = bytes(gzipSync(volume.subarray(5000, 9000)))
    const header = [0x1f, 0x8b, 0x08, 0x1e, 0, 0, 0, 0, 0, 0xff, 4, 0, 1, 2, 3, 4]
    const name = [...'volume.nii'].map((c) => c.charCodeAt(0))
    const withFields = new Uint8Array([...header, ...name, 0, ...name, 0, 0xab, 0xcd, ...second.subarray(10)])
    const stream = new Uint8Array([...first, ...withFields])
    const all = new GzipContent(stream).all()
    expect(Buffer.compare(all, volume.subarray(0, 9000))).toBe(0)
    expect(Buffer.compare(new GzipContent(stream).head(100), volume.subarray(0, 100))).toBe(0)
  })

  it('says when the trailer size disagrees (a stream cut at a block boundary)', () => {
    const gz = bytes(gzipSync(volume.subarray(0, 3000)))
    const forged = gz.slice()
    forged[forged.length - 4] ^= 1
    expect(() => new GzipContent(forged).all()).toThrowError(
      /^gzip: the compressed data is truncated or corrupt: it inflates to 3000 bytes but its trailer records 3001\.$/,
    )
    expect(() => new GzipContent(gz.subarray(0, gz.length - 8)).all()).toThrowError(FormatError)
    expect(() => new GzipContent(gz.subarray(0, gz.length - 8)).all()).toThrowError(/records nothing/)
  })
})
