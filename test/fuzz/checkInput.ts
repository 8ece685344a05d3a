// The property every input must satisfy (issue 10): a well-formed value or a FormatError, nothing else. For DICOM
// values the first and last frames are decoded too; for NIfTI values a middle slice in each plane is cut.
import { FormatError } from '../../src/api/errors.js'
import { convertFormat } from '../../src/api/format/convertFormat.js'
import { decodeDicomFrame } from '../../src/viewers/decode/decodeDicomFrame.js'
import { niftiSlice } from '../../src/viewers/nifti/niftiSlice.js'
import { niftiSliceGeometry } from '../../src/viewers/nifti/niftiSliceGeometry.js'

/** What an input led to, when it led to something allowed. */
export interface InputOutcome {
  /** `value` (possibly after FormatErrors from frame decodes) or `format-error` (convertFormat refused it). */
  outcome: 'value' | 'format-error'
  /** Short description: the kind and size of the value, or the FormatError's reason. */
  summary: string
}

/** Thrown when an input breaks the contract; the message says how. */
export class ContractViolation extends Error {
  override name = 'ContractViolation'
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.slice(0, 300)}`
  return `non-Error thrown: ${String(error).slice(0, 300)}`
}

/** Runs `run`; a FormatError gives its reason, anything else is a ContractViolation naming `step`. */
async function formatErrorOr<T>(step: string, run: () => T | Promise<T>): Promise<T | FormatError> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof FormatError) {
      if (!error.reason || error.message.length < 10)
        throw new ContractViolation(`${step}: FormatError without reason or message`)
      return error
    }
    throw new ContractViolation(`${step} threw ${describe(error)}`, { cause: error })
  }
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new ContractViolation(what)
}

/**
 * Converts `bytes` and exercises the viewers' decoders on the result. Resolves with the outcome; rejects with
 * a ContractViolation when something other than a correct value or a FormatError comes out.
 */
export async function checkInput(bytes: Uint8Array, mimetype?: string): Promise<InputOutcome> {
  const data = await formatErrorOr('convertFormat', () => convertFormat(bytes, mimetype))
  if (data instanceof FormatError) return { outcome: 'format-error', summary: data.reason }
  switch (data.kind) {
    case 'dicom': {
      for (const n of [data.rows, data.columns, data.numberOfFrames])
        check(Number.isInteger(n) && n >= 0, `DICOM size ${n} is not a count`)
      const last = Math.max(0, data.numberOfFrames - 1)
      const decoded: string[] = []
      for (const index of new Set([0, last])) {
        const frame = await formatErrorOr(`decodeDicomFrame(${index})`, () => decodeDicomFrame(data, index))
        if (frame instanceof FormatError) {
          decoded.push(`frame ${index}: ${frame.reason}`)
          continue
        }
        const samples = frame.rows * frame.columns * frame.samplesPerPixel
        check(
          frame.pixelData.length === samples,
          `frame ${index} has ${frame.pixelData.length} of ${samples} samples`,
        )
        decoded.push(`frame ${index}: ${frame.columns}x${frame.rows}`)
      }
      return {
        outcome: 'value',
        summary: `dicom ${data.columns}x${data.rows}x${data.numberOfFrames}; ${decoded.join(', ')}`,
      }
    }
    case 'nifti': {
      const voxels = data.dims.reduce((a, b) => a * b, 1) * (data.datatype === 'rgb24' ? 3 : 1)
      check(data.voxels.length === voxels, `NIfTI holds ${data.voxels.length} of ${voxels} voxels`)
      for (const plane of ['axial', 'coronal', 'sagittal'] as const) {
        const slice = await formatErrorOr(`niftiSlice(${plane})`, () => {
          const g = niftiSliceGeometry(data, plane)
          const values = niftiSlice(data, plane, g.count >> 1)
          check(values.length === g.width * g.height, `${plane} slice has ${values.length} values`)
          return values
        })
        // A NIfTI value convertFormat accepted must slice: a FormatError here is a contract violation too.
        check(!(slice instanceof FormatError), `niftiSlice(${plane}) refused a converted volume`)
      }
      return { outcome: 'value', summary: `nifti ${data.dims.join('x')} ${data.datatype}` }
    }
    case 'image':
      check(data.width > 0 && data.height > 0, `image ${data.width}x${data.height}`)
      return { outcome: 'value', summary: `image ${data.mimetype} ${data.width}x${data.height}` }
    default:
      return { outcome: 'value', summary: `${data.kind} ${data.mimetype}` }
  }
}
