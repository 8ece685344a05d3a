/** From this size on, compressed content is converted in a worker (inflating is the slow part). */
export const OFF_THREAD_MIN_BYTES = 128 * 1024

const DEFLATED_UID = '1.2.840.10008.1.2.1.99'

/** Gzip (e.g. `.nii.gz`) or deflated DICOM of at least {@link OFF_THREAD_MIN_BYTES}: worth a worker. */
export function isLargeCompressed(bytes: Uint8Array): boolean {
  if (bytes.length < OFF_THREAD_MIN_BYTES) return false
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return true
  // The Transfer Syntax UID sits in the file meta, within the first few hundred bytes.
  const head = String.fromCharCode(...bytes.subarray(0, 1024))
  return head.includes('DICM') && head.includes(DEFLATED_UID)
}
