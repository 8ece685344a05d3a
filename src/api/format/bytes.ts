/** Byte helpers shared by the format readers. Everything here is bounds-checked by the caller. */

/**
 * A plain Uint8Array view of the input, never a copy. Subclasses (Node's Buffer, whose `slice` does not
 * copy) become plain views, so every reader gets the standard typed-array semantics.
 */
export function toUint8Array(bytes: Uint8Array | ArrayBuffer): Uint8Array {
  if (!(bytes instanceof Uint8Array)) return new Uint8Array(bytes)
  return bytes.constructor === Uint8Array
    ? bytes
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** Whether `bytes` holds the ASCII text `text` at `offset`. */
export function hasAscii(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset < 0 || offset + text.length > bytes.length) return false
  for (let i = 0; i < text.length; i++) {
    if (bytes[offset + i] !== text.charCodeAt(i)) return false
  }
  return true
}

/** Whether `bytes` starts with the given byte values at `offset`. */
export function hasBytes(bytes: Uint8Array, offset: number, expected: readonly number[]): boolean {
  if (offset < 0 || offset + expected.length > bytes.length) return false
  for (let i = 0; i < expected.length; i++) {
    if (bytes[offset + i] !== expected[i]) return false
  }
  return true
}

/** ASCII text of `length` bytes at `offset`, stopping at the first NUL. */
export function readAscii(bytes: Uint8Array, offset: number, length: number): string {
  let text = ''
  const end = Math.min(bytes.length, offset + length)
  for (let i = offset; i < end; i++) {
    const c = bytes[i]
    if (c === 0) break
    text += String.fromCharCode(c)
  }
  return text
}

/** The unsigned integer of `size` bytes (1 to 4) at `at`, in either byte order; the caller checks bounds. */
export function readUint(bytes: ArrayLike<number>, at: number, size: number, little: boolean): number {
  let value = 0
  for (let i = 0; i < size; i++) value = value * 256 + bytes[little ? at + size - 1 - i : at + i]
  return value
}
