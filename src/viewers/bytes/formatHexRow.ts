const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** One hex-dump line: offset, up to `width` bytes in hex (a gap after each 8) and their printable ASCII. */
export function formatHexRow(
  bytes: Uint8Array,
  offset: number,
  width: number,
  offsetDigits: number,
): { offset: string; hex: string; ascii: string } {
  const end = Math.min(bytes.length, offset + width)
  let hex = ''
  let ascii = ''
  for (let i = 0; i < width; i++) {
    const at = offset + i
    if (i > 0) hex += i % 8 === 0 ? '  ' : ' '
    if (at < end) {
      const b = bytes[at]
      hex += HEX[b]
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'
    } else {
      hex += '  '
    }
  }
  return { offset: offset.toString(16).padStart(offsetDigits, '0'), hex, ascii }
}
