import type { DicomDict, DicomElement, DicomElements } from 'dcmjs'
import { type DicomInstance, NATIVE_LITTLE_ENDIAN } from './dicomInstance.js'
import { loadDcmjs, nativePixelDataHeader, readHeader, writeDicom } from './dicomWriter.js'

/** One group of instances that become the frames of one file, in frame order. */
export interface DicomSeriesGroup {
  instances: DicomInstance[]
}

const MR_IMAGE = '1.2.840.10008.5.1.4.1.1.4'
const ENHANCED_MR_IMAGE = '1.2.840.10008.5.1.4.1.1.4.1'

/**
 * Groups instances as the SDK's `assemble_dicoms` does (same Series and Study Instance UID, Modality,
 * Image Orientation, Laterality, Image Laterality, Rows and Columns, and here also the same transfer syntax
 * and pixel layout, which concatenating frames requires), in order of first appearance. Only single-frame
 * images with native little-endian pixel data are merged; any other instance is a group of its own.
 * Each group is ordered by Instance Number, then by Image Position along the slice normal.
 */
export function groupSeries(instances: readonly DicomInstance[]): DicomSeriesGroup[] {
  const groups = new Map<string, DicomInstance[]>()
  const alone: DicomSeriesGroup[] = []
  for (const instance of instances) {
    const mergeable =
      instance.frames === 1 &&
      instance.pixelData !== undefined &&
      !instance.pixelData.encapsulated &&
      NATIVE_LITTLE_ENDIAN.has(instance.transferSyntax) &&
      instance.seriesUid !== ''
    if (!mergeable) {
      alone.push({ instances: [instance] })
      continue
    }
    const group = groups.get(instance.groupKey)
    if (group) group.push(instance)
    else groups.set(instance.groupKey, [instance])
  }
  const merged = [...groups.values()].map((group) => ({ instances: orderInstances(group) }))
  // Keep input order between outputs: by each group's first input.
  return [...merged, ...alone].sort((a, b) => a.instances[0].index - b.instances[0].index || 0)
}

function orderInstances(instances: DicomInstance[]): DicomInstance[] {
  const normal = sliceNormal(instances[0].orientation)
  const along = (i: DicomInstance) =>
    normal && i.position
      ? i.position[0] * normal[0] + i.position[1] * normal[1] + i.position[2] * normal[2]
      : 0
  return [...instances].sort(
    (a, b) =>
      (a.instanceNumber ?? Number.POSITIVE_INFINITY) - (b.instanceNumber ?? Number.POSITIVE_INFINITY) ||
      along(a) - along(b) ||
      a.index - b.index,
  )
}

function sliceNormal(orientation: number[] | undefined): number[] | undefined {
  if (!orientation || orientation.length < 6) return undefined
  const [a, b, c, d, e, f] = orientation
  return [b * f - c * e, c * d - a * f, a * e - b * d]
}

const text = (instance: DicomInstance, tag: string) => instance.dataSet.string(tag)
const element = (vr: string, Value: unknown[]): DicomElement => ({ vr, Value })
const numbers = (value: string) => value.split('\\').map(Number)

// Geometry that becomes per-frame (or shared) functional groups when the instances differ in it.
const GEOMETRY = [
  { tag: 'x00200032', dcm: '00200032', vr: 'DS', sequence: '00209113' }, // Image Position → Plane Position
  { tag: 'x00280030', dcm: '00280030', vr: 'DS', sequence: '00289110' }, // Pixel Spacing → Pixel Measures
  { tag: 'x00180088', dcm: '00180088', vr: 'DS', sequence: '00289110' }, // Spacing Between Slices
  { tag: 'x00200037', dcm: '00200037', vr: 'DS', sequence: '00209116' }, // Image Orientation → Plane Orientation
] as const

/**
 * The data set of a multi-frame file made of `group` (the first instance's attributes, edited as the SDK's
 * `assemble_dicoms` does): Number of Frames, a new SOP Instance UID, MR Image → Enhanced MR Image, frame
 * geometry moved into Shared / Per-Frame Functional Groups (or a shared Frame Time), a note in Image
 * Comments, and the single-frame attributes that differ between instances removed.
 */
export async function assembledHeader(group: DicomSeriesGroup): Promise<DicomDict> {
  const { instances } = group
  const { data } = await loadDcmjs()
  const dicom = await readHeader(instances[0])
  const dict: DicomElements = dicom.dict
  const set = (tag: string, vr: string, value: unknown[]) => {
    dict[tag] = element(vr, value)
  }
  set('00280008', 'IS', [instances.length])
  const uid = data.DicomMetaDictionary.uid()
  set('00080018', 'UI', [uid])
  dicom.meta['00020003'] = element('UI', [uid])
  if (text(instances[0], 'x00080016') === MR_IMAGE) {
    set('00080016', 'UI', [ENHANCED_MR_IMAGE])
    dicom.meta['00020002'] = element('UI', [ENHANCED_MR_IMAGE])
  }

  const frameTime = text(instances[0], 'x00181063')
  if (frameTime !== undefined && instances.every((i) => text(i, 'x00181063') === frameTime)) {
    set('00280009', 'AT', [0x00181063])
  } else {
    const shared: DicomElements = {}
    const perFrame: DicomElements[] = instances.map(() => ({}))
    for (const { tag, dcm, vr, sequence } of GEOMETRY) {
      const values = instances.map((i) => text(i, tag))
      if (values.every((v) => v !== undefined && v === values[0])) {
        const item = (shared[sequence]?.Value[0] as DicomElements | undefined) ?? {}
        item[dcm] = element(vr, numbers(values[0] as string))
        shared[sequence] = element('SQ', [item])
        continue
      }
      values.forEach((value, frame) => {
        if (value === undefined) return
        const item = (perFrame[frame][sequence]?.Value[0] as DicomElements | undefined) ?? {}
        item[dcm] = element(vr, numbers(value))
        perFrame[frame][sequence] = element('SQ', [item])
      })
    }
    if (Object.keys(shared).length > 0) set('52009229', 'SQ', [shared])
    set('52009230', 'SQ', perFrame)
    set('00280009', 'AT', [0x52009230])
  }

  const note = `Merged ${instances.length} DICOM files into a single DICOM by datamint-react uploadResources`
  const comments = dict['00204000']?.Value[0]
  set('00204000', 'LT', [typeof comments === 'string' && comments.trim() ? `${comments} | ${note}` : note])
  for (const tag of ['x00200032', 'x00201041', 'x00200037', 'x00280030', 'x00180088', 'x00200013']) {
    const first = text(instances[0], tag)
    if (!instances.every((i) => text(i, tag) === first)) delete dict[tag.slice(1).toUpperCase()]
  }
  return dicom
}

/**
 * Writes `group` as one multi-frame DICOM file: the edited data set (dcmjs), then a Pixel Data element
 * whose frames are the instances' pixel data in order, each passed as a part (a lazy slice of a `File`, a
 * view of bytes) so the series is never concatenated in memory by this code.
 */
export async function writeAssembled(dicom: DicomDict, group: DicomSeriesGroup): Promise<Blob> {
  const frames = group.instances.map((i) => {
    const pixel = i.pixelData as NonNullable<DicomInstance['pixelData']>
    return i.source.part(pixel.valueStart, pixel.valueStart + pixel.length)
  })
  const length = group.instances.reduce((sum, i) => sum + (i.pixelData?.length ?? 0), 0)
  const syntax = dicom.meta['00020010']?.Value[0] as string
  const vr = (group.instances[0].dataSet.uint16('x00280100') ?? 16) > 8 ? 'OW' : 'OB'
  const header = await nativePixelDataHeader(syntax, vr, length + (length % 2))
  const padding = length % 2 ? [new Uint8Array(1)] : []
  return writeDicom(dicom, [header, ...frames, ...padding])
}
