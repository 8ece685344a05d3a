import { BaseApi } from './BaseApi.js'
import { FormatError } from './errors.js'
import type { ConvertedData } from './format/ConvertedData.js'

// convertFormat's messages for content it does not interpret (as opposed to content that is corrupt).
const NOT_INTERPRETED =
  /^(Empty file content\.|Unsupported mimetype: |Could not determine mimetype from content\.)/

/**
 * Converts downloaded bytes with `BaseApi.convertFormat`, `declared` being the fallback mimetype (a generic
 * `application/octet-stream` says nothing, so it is no fallback).
 * Like the Python SDK, content of a type this library does not interpret (empty, unsupported, undetectable)
 * comes back as bytes (`kind: 'bytes'`); content that claims a known type but is corrupt throws `FormatError`.
 */
export function convertDownload(bytes: Uint8Array, mimetype: string | undefined): ConvertedData {
  const declared = mimetype === 'application/octet-stream' ? undefined : mimetype
  try {
    return BaseApi.convertFormat(bytes, declared)
  } catch (error) {
    if (error instanceof FormatError && NOT_INTERPRETED.test(error.message)) {
      return { kind: 'bytes', mimetype: declared || 'application/octet-stream', bytes }
    }
    throw error
  }
}
