import type { DicomDict, DicomElements } from 'dcmjs'

/** What replaces cleared text values (the SDK writes the same marker). */
export const CLEARED = 'CLEARED_BY_DATAMINT'

/** A DICOM attribute as `[group, element]`, e.g. `[0x0010, 0x0010]` for Patient's Name. */
export type DicomTagCode = readonly [group: number, element: number]

/**
 * The attributes cleared by the upload's anonymizer (`anonymizeDicom`): the PS3.15 Basic Application Level
 * Confidentiality Profile list the Python SDK (medimgkit) uses, in the same order. See docs/anonymisation.md.
 */
export const ANONYMIZED_TAGS: readonly DicomTagCode[] = [
  [0x0008, 0x0014],
  [0x0008, 0x0050],
  [0x0008, 0x0080],
  [0x0008, 0x0081],
  [0x0008, 0x0090],
  [0x0008, 0x0092],
  [0x0008, 0x0094],
  [0x0008, 0x1010],
  [0x0008, 0x1030],
  [0x0008, 0x103e],
  [0x0008, 0x1040],
  [0x0008, 0x1048],
  [0x0008, 0x1050],
  [0x0008, 0x1060],
  [0x0008, 0x1070],
  [0x0008, 0x1080],
  [0x0008, 0x1155],
  [0x0008, 0x2111],
  [0x0010, 0x0010],
  [0x0010, 0x0020],
  [0x0010, 0x0030],
  [0x0010, 0x0032],
  [0x0010, 0x0040],
  [0x0010, 0x1000],
  [0x0010, 0x1001],
  [0x0010, 0x1010],
  [0x0010, 0x1020],
  [0x0010, 0x1030],
  [0x0010, 0x1090],
  [0x0010, 0x2160],
  [0x0010, 0x2180],
  [0x0010, 0x21b0],
  [0x0010, 0x4000],
  [0x0018, 0x1000],
  [0x0018, 0x1030],
  [0x0020, 0x000d],
  [0x0020, 0x000e],
  [0x0020, 0x0010],
  [0x0020, 0x0052],
  [0x0020, 0x0200],
  [0x0020, 0x4000],
  [0x0008, 0x0018],
  [0x0040, 0x0275],
  [0x0040, 0xa730],
  [0x0088, 0x0140],
  [0x3006, 0x0024],
  [0x3006, 0x00c2],
]

/**
 * Replaced by a UID derived from the original (same input → same output, so series stay together); any other
 * UI attribute of the list is too (the marker text is not a valid UID, and dcmjs would write it empty).
 */
const UID_TAGS = new Set(['00200052', '0020000E', '00209161', '00080018', '0020000D'])
/** Replaced by a hex token derived from the original (Patient ID, Accession Number). */
const TOKEN_TAGS = new Set(['00100020', '00080050'])
const PHONE = '00080094'
const NUMERIC_VRS = new Set(['FL', 'FD', 'DS'])
/** Value representations with a fixed form or a short maximum length (age, dates, times, codes): the marker text
 * does not fit them, so they are emptied (PS3.15 action Z: zero length) instead of marked. */
const EMPTIED_VRS = new Set(['AS', 'DA', 'DT', 'TM', 'CS'])

const hex = (code: DicomTagCode) =>
  `${code[0].toString(16).padStart(4, '0')}${code[1].toString(16).padStart(4, '0')}`.toUpperCase()

/** Options of {@link anonymizeDicom}. */
export interface AnonymizeOptions {
  /** Attributes to keep as they are (the SDK's `anonymize_retain_codes`). */
  retainCodes?: readonly DicomTagCode[]
  /** Mixed into the derived UIDs and tokens; the same salt maps the same value to the same token. */
  salt?: string
}

/**
 * De-identifies a data set in place, as the Python SDK does before upload: each attribute of
 * {@link ANONYMIZED_TAGS} present is replaced (a phone number by `000-000-0000`, numbers by 0, sequences
 * removed, UIDs by a UID derived from the original, Patient ID and Accession Number by a derived token,
 * any other text by {@link CLEARED}); the file meta's Media Storage SOP Instance UID follows the new SOP
 * Instance UID. Pixel data is never touched (it is not even part of what this function sees).
 *
 * @example
 * const dict = await readHeader(instance)
 * await anonymizeDicom(dict, { retainCodes: [[0x0010, 0x0040]] })  // keep Patient's Sex
 */
export async function anonymizeDicom(dicom: DicomDict, options: AnonymizeOptions = {}): Promise<void> {
  const retained = new Set((options.retainCodes ?? []).map(hex))
  const salt = options.salt ?? 'datamint'
  const elements: DicomElements = dicom.dict
  for (const code of ANONYMIZED_TAGS) {
    const tag = hex(code)
    const element = elements[tag]
    if (!element || retained.has(tag)) continue
    if (tag === PHONE) element.Value = ['000-000-0000']
    else if (NUMERIC_VRS.has(element.vr)) element.Value = element.Value.map(() => 0)
    else if (element.vr === 'SQ') delete elements[tag]
    else if (EMPTIED_VRS.has(element.vr)) element.Value = []
    else if (TOKEN_TAGS.has(tag) || UID_TAGS.has(tag) || element.vr === 'UI') {
      const original = element.Value.map(String).join('\\')
      element.Value =
        original === '' || original === CLEARED
          ? [CLEARED]
          : [await derived(`${tag}${original}${salt}`, TOKEN_TAGS.has(tag) ? 'token' : 'uid')]
    } else element.Value = element.Value.length === 0 ? [] : [CLEARED]
    // A rewritten value must be written as is, not as the original bytes dcmjs kept.
    delete (element as { _rawValue?: unknown })._rawValue
  }
  const sop = elements['00080018']?.Value[0]
  const metaSop = dicom.meta['00020003']
  if (typeof sop === 'string' && metaSop) {
    metaSop.Value = [sop]
    delete (metaSop as { _rawValue?: unknown })._rawValue
  }
}

/** SHA-256 of `text`: as 32 hex digits, or as a `2.25.` UID (the UUID-derived UID form of PS3.5 B.2). */
async function derived(text: string, form: 'token' | 'uid'): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
  const hexDigits = Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('')
  return form === 'token' ? hexDigits : `2.25.${BigInt(`0x${hexDigits}`).toString(10)}`
}
