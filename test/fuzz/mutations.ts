// Mutations the fuzz suites apply to fixtures: bit flips, byte runs, boundary integers, truncation, splicing.
// A mutation is plain data (JSON-printable), so a failing case can be described and replayed.
import fc from 'fast-check'

export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'run'; at: number; length: number; value: number }
  | { kind: 'int'; at: number; value: number; size: 2 | 4; littleEndian: boolean }
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; donor: number; from: number; length: number; replace: boolean }

/** Values lengths and sizes are made of, and their neighbours (undefined length, odd, huge, negative). */
const BOUNDARY = [
  0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xfffe, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
  0xfffffffe, 0xffffffff,
]

/** A position, mostly in the header where sizes and offsets live. */
const position = (length: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: Math.max(0, Math.min(length, 1024) - 1) }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: Math.max(0, length - 1) }) },
  )

/** One mutation of a file of `length` bytes, splicing from `donors` (their lengths). */
export function mutationArbitrary(length: number, donors: number[]): fc.Arbitrary<Mutation> {
  const at = position(length)
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('flip' as const), at, bit: fc.integer({ min: 0, max: 7 }) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('run' as const),
        at,
        length: fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 17, max: 4096 })),
        value: fc.constantFrom(0x00, 0xff, 0x7f, 0x80, 0x20),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('int' as const),
        at,
        value: fc.oneof(fc.constantFrom(...BOUNDARY), fc.nat()),
        size: fc.constantFrom(2 as const, 4 as const),
        littleEndian: fc.boolean(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('truncate' as const),
        at: fc.integer({ min: 0, max: length }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 0, max: Math.max(0, donors.length - 1) }).chain((donor) =>
        fc.record({
          kind: fc.constant('splice' as const),
          at: fc.integer({ min: 0, max: length }),
          donor: fc.constant(donor),
          from: fc.integer({ min: 0, max: Math.max(0, (donors[donor] ?? 1) - 1) }),
          length: fc.integer({ min: 1, max: 2048 }),
          replace: fc.boolean(),
        }),
      ),
    },
  )
}

/** One to four mutations of a file of `length` bytes. */
export function mutationsArbitrary(length: number, donors: number[]): fc.Arbitrary<Mutation[]> {
  return fc.array(mutationArbitrary(length, donors), { minLength: 1, maxLength: 4 })
}

/** Applies `mutations` in order to a copy of `bytes`; `donors` supply spliced bytes. */
export function applyMutations(bytes: Uint8Array, mutations: Mutation[], donors: Uint8Array[]): Uint8Array {
  let out = bytes.slice()
  for (const m of mutations) {
    const at = Math.min(m.at, out.length)
    switch (m.kind) {
      case 'flip':
        if (at < out.length) out[at] ^= 1 << m.bit
        break
      case 'run':
        out.fill(m.value, at, Math.min(out.length, at + m.length))
        break
      case 'int': {
        if (at + m.size > out.length) break
        const view = new DataView(out.buffer, out.byteOffset, out.byteLength)
        if (m.size === 2) view.setUint16(at, m.value & 0xffff, m.littleEndian)
        else view.setUint32(at, m.value >>> 0, m.littleEndian)
        break
      }
      case 'truncate':
        out = out.slice(0, at)
        break
      case 'splice': {
        const donor = donors[m.donor] ?? new Uint8Array()
        const piece = donor.subarray(m.from, m.from + m.length)
        const rest = out.subarray(m.replace ? Math.min(out.length, at + piece.length) : at)
        const next = new Uint8Array(at + piece.length + rest.length)
        next.set(out.subarray(0, at))
        next.set(piece, at)
        next.set(rest, at + piece.length)
        out = next
        break
      }
    }
  }
  return out
}
