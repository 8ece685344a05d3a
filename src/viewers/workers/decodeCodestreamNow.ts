import { FormatError } from '../../api/errors.js'
import { type Codec, type CodecOutput, codecError } from '../decode/codecs/Codec.js'
import { type TransferSyntaxInfo, transferSyntaxInfo } from '../decode/transferSyntax.js'

/** One compressed frame for its transfer syntax's codec (what decodeDicomFrame hands over). */
export interface CodestreamRequest {
  transferSyntaxUID: string
  /** Sample precision from the codestream header (JPEG Extended picks its decoder by it). */
  precision: number
  encoded: Uint8Array
  bitsAllocated: number
  signed: boolean
  /** Named in errors. */
  frameIndex: number
}

/**
 * Loads the transfer syntax's codec (once) and decodes the codestream. The same function runs in a pool
 * worker and, where there is none, on the calling thread, so both give the same bytes and the same errors.
 *
 * @throws FormatError `unsupported` when the codec cannot load here, else what the codec found (`corrupt`),
 *   naming the frame and the syntax.
 */
export async function decodeCodestreamNow(request: CodestreamRequest): Promise<CodecOutput> {
  const { encoded, frameIndex } = request
  const ts = transferSyntaxInfo(request.transferSyntaxUID)
  if (!ts) {
    throw new FormatError(
      `DICOM frame ${frameIndex}: transfer syntax ${request.transferSyntaxUID} is not supported`,
      {
        reason: 'unsupported',
      },
    )
  }
  const codec = await loadedCodec(ts, request.precision, frameIndex)
  try {
    return await codec.decodeFrame(encoded, { bitsAllocated: request.bitsAllocated, signed: request.signed })
  } catch (e) {
    // Codecs throw FormatError (codecError); say which frame and syntax.
    const error = e instanceof FormatError ? e : codecError(e, encoded.length)
    throw new FormatError(`DICOM frame ${frameIndex}: ${ts.name}: ${error.message}`, {
      reason: error.reason,
      cause: e,
    })
  }
}

/** The row's codec, loaded and prepared; a codec that cannot load here makes the syntax unsupported here. */
async function loadedCodec(ts: TransferSyntaxInfo, precision: number, frameIndex: number): Promise<Codec> {
  if (!ts.codec) {
    throw new FormatError(`DICOM frame ${frameIndex}: no codec for ${ts.name}`, { reason: 'unsupported' })
  }
  try {
    const codec = await ts.codec(precision)
    await codec.prepare()
    return codec
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new FormatError(
      `DICOM frame ${frameIndex}: the ${ts.name} codec could not be loaded in this environment (${why})`,
      { reason: 'unsupported', cause: error },
    )
  }
}
