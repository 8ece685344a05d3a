// Builds real DICOM series from the fixtures with dcmjs: instances of one series (positions along the
// slice normal, instance numbers, distinct pixel data), and single-frame instances split from a multi-frame file.
import dcmjs from 'dcmjs'

const { DicomMessage, DicomMetaDictionary } = dcmjs.data

function read(bytes: Uint8Array) {
  return DicomMessage.readFile(bytes.slice().buffer)
}

function set(
  dict: Record<string, { vr: string; Value: unknown[] }>,
  tag: string,
  vr: string,
  value: unknown[],
) {
  dict[tag] = { vr, Value: value }
}

/**
 * `count` instances of a new series made from a single-frame fixture: instance i has Instance Number i + 1,
 * Image Position moved i × `spacing` mm along the slice normal, and pixel data `frame(i)` (stored values).
 * `rows`/`columns` change the image size (the fixture's pixels are then replaced entirely by `frame`).
 */
export function makeSeries(
  fixture: Uint8Array,
  count: number,
  frame: (index: number, template: Uint16Array) => Uint16Array,
  options: { rows?: number; columns?: number; spacing?: number; seriesUid?: string } = {},
): Uint8Array[] {
  const seriesUid = options.seriesUid ?? DicomMetaDictionary.uid()
  const template = read(fixture)
  const pixels = template.dict['7FE00010'].Value[0] as ArrayBuffer
  const base = new Uint16Array(pixels.slice(0))
  const origin = (template.dict['00200032']?.Value as number[] | undefined) ?? [0, 0, 0]
  const out: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    const dicom = read(fixture)
    const dict = dicom.dict as Record<string, { vr: string; Value: unknown[] }>
    const uid = DicomMetaDictionary.uid()
    set(dict, '0020000E', 'UI', [seriesUid])
    set(dict, '00080018', 'UI', [uid])
    dicom.meta['00020003'] = { vr: 'UI', Value: [uid] }
    set(dict, '00200013', 'IS', [i + 1])
    set(dict, '00200032', 'DS', [origin[0], origin[1], Number(origin[2]) + i * (options.spacing ?? 2.5)])
    set(dict, '00201041', 'DS', [Number(origin[2]) + i * (options.spacing ?? 2.5)])
    if (options.rows) set(dict, '00280010', 'US', [options.rows])
    if (options.columns) set(dict, '00280011', 'US', [options.columns])
    const values = frame(i, base)
    set(dict, '7FE00010', 'OW', [
      values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength),
    ])
    for (const tag of Object.keys(dict)) delete (dict[tag] as { _rawValue?: unknown })._rawValue
    out.push(new Uint8Array(dicom.write()))
  }
  return out
}

/** Splits a native multi-frame file into single-frame instances (Instance Number = frame + 1). */
export function splitFrames(fixture: Uint8Array): Uint8Array[] {
  const source = read(fixture)
  const frames = Number(source.dict['00280008'].Value[0])
  const rows = Number(source.dict['00280010'].Value[0])
  const columns = Number(source.dict['00280011'].Value[0])
  const samples = Number(source.dict['00280002'].Value[0])
  const bytesPerSample = Number(source.dict['00280100'].Value[0]) / 8
  const frameBytes = rows * columns * samples * bytesPerSample
  const pixels = source.dict['7FE00010'].Value[0] as ArrayBuffer
  const out: Uint8Array[] = []
  for (let f = 0; f < frames; f++) {
    const dicom = read(fixture)
    const dict = dicom.dict as Record<string, { vr: string; Value: unknown[] }>
    delete dict['00280008']
    delete dict['00280009']
    const uid = DicomMetaDictionary.uid()
    set(dict, '00080018', 'UI', [uid])
    dicom.meta['00020003'] = { vr: 'UI', Value: [uid] }
    set(dict, '00200013', 'IS', [f + 1])
    set(dict, '7FE00010', dict['7FE00010'].vr, [pixels.slice(f * frameBytes, (f + 1) * frameBytes)])
    out.push(new Uint8Array(dicom.write()))
  }
  return out
}
