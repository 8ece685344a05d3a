import { FormatError, type FormatErrorReason } from './errors.js'
import type { ConvertedData } from './format/ConvertedData.js'
import { convertSniffed } from './format/convertFormat.js'
import { sniff } from './format/detectMimetype.js'

// Content this library does not interpret (as opposed to content that claims a known type but is corrupt).
const NOT_INTERPRETED: ReadonlySet<FormatErrorReason> = new Set(['empty', 'unsupported', 'undetectable'])

/**
 * Converts downloaded bytes: recognisable content decides, `declared` (the resource's mimetype, or the
 * response's content type) is the fallback when the content says little (a generic
 * `application/octet-stream` says nothing, so it is no fallback). Like the Python SDK, content of a type this
 * library does not interpret (FormatError reason `empty`, `unsupported` or `undetectable`) comes back as bytes
 * (`kind: 'bytes'`); content that claims a known type but is corrupt or too large throws `FormatError`.
 */
export function convertDownloadNow(bytes: Uint8Array, mimetype: string | undefined): ConvertedData {
  const declared = mimetype === 'application/octet-stream' ? undefined : mimetype
  const sniffed = sniff(bytes)
  try {
    return convertSniffed(bytes, sniffed.specific ? undefined : declared, sniffed)
  } catch (error) {
    if (error instanceof FormatError && NOT_INTERPRETED.has(error.reason)) {
      return { kind: 'bytes', mimetype: declared || 'application/octet-stream', bytes }
    }
    throw error
  }
}
