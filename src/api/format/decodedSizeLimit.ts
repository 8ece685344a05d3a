import { FormatError } from '../errors.js'

const DEFAULT_LIMIT = 512 * 2 ** 20
let limit = DEFAULT_LIMIT

/**
 * The most bytes one decode may produce: a decoded DICOM frame, an inflated `.nii.gz`, a deflated DICOM data
 * set. Larger declared sizes are refused with `FormatError` reason `'too-large'` before anything is allocated.
 * Default 512 MiB.
 */
export function maxDecodedBytes(): number {
  return limit
}

/**
 * Sets {@link maxDecodedBytes} for every later `convertFormat` and `decodeDicomFrame` call (a positive number
 * of bytes; `undefined` restores the 512 MiB default). Raise it for very large volumes, lower it in a
 * memory-constrained worker.
 *
 * @example
 * setMaxDecodedBytes(2 * 2 ** 30) // allow 2 GiB frames and volumes
 */
export function setMaxDecodedBytes(bytes: number | undefined): void {
  if (bytes !== undefined && !(bytes > 0)) {
    throw new RangeError(`setMaxDecodedBytes: a positive number of bytes, got ${bytes}`)
  }
  limit = bytes ?? DEFAULT_LIMIT
}

/** Throws FormatError 'too-large' when `bytes` exceed the limit; `what` names what would be decoded. */
export function checkDecodedSize(bytes: number, what: string): void {
  if (bytes > limit) {
    throw new FormatError(
      `${what} would decode to ${bytes} bytes, more than the ${limit}-byte limit (maxDecodedBytes). ` +
        'Raise it with setMaxDecodedBytes() if this file is genuine.',
      { reason: 'too-large' },
    )
  }
}
