import type { TransferProgress } from '../BaseApi.js'
import { createLimiter } from '../concurrency.js'
import { badArgument } from '../errors.js'
import type { Project } from '../models/Project.js'
import type { DicomTagCode } from './anonymizeDicom.js'
import { anonymizeDicom } from './anonymizeDicom.js'
import { assembledHeader, type DicomSeriesGroup, groupSeries, writeAssembled } from './assembleDicoms.js'
import { type DicomInstance, hasDicomPreamble, readDicomInstance } from './dicomInstance.js'
import { readHeader, writeDicom } from './dicomWriter.js'
import type { SegmentationMask, SegmentationNames } from './segmentationMask.js'
import { FileSkippedError, UploadResourcesError, type UploadResult } from './UploadResourcesError.js'
import { mungedFilename, type UploadInput, type UploadSource, uploadSource } from './uploadInput.js'

/** Segmentations to attach to one uploaded file (the SDK's `segmentation_files` entry). */
export interface SegmentationFiles {
  /** One mask per frame listed in `frameIndex` (default frames 0, 1, ...). */
  files: readonly SegmentationMask[]
  /** Label names: one for all, a map from label value (or RGB triple `'r,g,b'`) to name, or one per file. */
  names?: SegmentationNames | readonly SegmentationNames[]
  frameIndex?: readonly number[]
}

/** Progress of one input of {@link ResourcesApi.uploadResources}, with the overall figures. */
export interface UploadResourcesProgress {
  /** The input's name. */
  file: string
  /** The input's position in `files`. */
  index: number
  /** This input's upload, 0..1 (an assembled series' inputs share their file's fraction). */
  fraction: number
  status: 'uploading' | 'done' | 'failed'
  /** Set once `status` is `done`: the resource the input went into. */
  id?: string
  /** Set once `status` is `failed`. */
  error?: unknown
  /** Bytes of all inputs sent so far (as a share of each file's size). */
  transferredBytes: number
  /** Bytes of all inputs. */
  totalBytes: number
  /** Inputs finished so far, successfully or not. */
  done: number
  failed: number
}

/** Options of {@link ResourcesApi.uploadResources}: the SDK's `upload_resources` parameters in camelCase. */
export interface UploadResourcesOptions {
  /** Upload the DICOM instances of a series as one multi-frame file. Default true. */
  assembleDicoms?: boolean
  /** `'raise'` (default): stop starting uploads at the first failure and reject; `'skip'`: record it and go on. */
  onError?: 'raise' | 'skip'
  /** JSON metadata per input (same length as `files`); an assembled series takes its first input's. */
  metadata?: ReadonlyArray<Record<string, unknown> | string | undefined>
  tags?: readonly string[]
  channel?: string
  modality?: string
  /** Default: detected per file. */
  mimetype?: string
  publish?: boolean
  /** A project (entity, id or name): the uploads are published and added to it. */
  publishTo?: string | Project
  /** Per input, masks to upload as segmentations of its resource (not with series assembly). */
  segmentationFiles?: ReadonlyArray<SegmentationFiles | undefined>
  /** Leave out DICOM reports (SR, DOC, KO, PR, ESR). Default true. */
  discardDicomReports?: boolean
  /** Name files after (parts of) their folder path, e.g. `[1, 2]` or `'all'`. */
  mungFilename?: readonly number[] | 'all'
  /** De-identify DICOM files before upload (see docs/anonymisation.md). Default false. */
  anonymize?: boolean
  /** Attributes `anonymize` keeps, as `[group, element]`. */
  anonymizeRetainCodes?: readonly DicomTagCode[]
  /** Uploads in flight at once. Default 4. */
  concurrency?: number
  signal?: AbortSignal
  onProgress?: (progress: UploadResourcesProgress) => void
}

/** What uploadResources needs from the API objects (kept as functions so this file knows no HTTP). */
export interface UploadServices {
  uploadOne(
    file: Blob | Uint8Array,
    options: {
      filename: string
      mimetype?: string
      sourceFilepath: string
      channel?: string
      modality?: string
      tags?: string[]
      publish: boolean
      metadata?: Record<string, unknown> | string
      onProgress: (progress: TransferProgress) => void
      signal?: AbortSignal
    },
  ): Promise<string>
  resolveProject(project: string | Project, signal?: AbortSignal): Promise<Project>
  addToProject(project: Project, ids: string[], signal?: AbortSignal): Promise<void>
  uploadSegmentations(resourceId: string, files: SegmentationFiles, signal?: AbortSignal): Promise<unknown>
}

/** One file to send: an input as is, an anonymised copy, or an assembled series. */
interface Unit {
  inputs: number[]
  name: string
  sourceFilepath: string
  dicom: boolean
  laterality?: string
  build(): Promise<Blob | Uint8Array>
}

/** Runs {@link ResourcesApi.uploadResources}; see there. */
export async function uploadResources(
  files: readonly UploadInput[],
  options: UploadResourcesOptions,
  services: UploadServices,
): Promise<UploadResult[]> {
  const { signal, onError = 'raise' } = options
  if (onError !== 'raise' && onError !== 'skip') {
    throw badArgument(
      `uploadResources: onError must be 'raise' or 'skip', got ${String(onError)}.`,
      'onError',
    )
  }
  if (!Array.isArray(files)) throw badArgument('uploadResources: files must be an array.', 'files')
  if (options.metadata && options.metadata.length !== files.length) {
    throw badArgument(
      `uploadResources: metadata has ${options.metadata.length} entries for ${files.length} files.`,
      'metadata',
    )
  }
  if (options.segmentationFiles && options.segmentationFiles.length !== files.length) {
    throw badArgument(
      `uploadResources: segmentationFiles has ${options.segmentationFiles.length} entries for ${files.length} files.`,
      'segmentationFiles',
    )
  }
  const concurrency = options.concurrency ?? 4
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw badArgument(
      `uploadResources: concurrency must be a whole number ≥ 1, got ${concurrency}.`,
      'concurrency',
    )
  }
  const sources = files.map(uploadSource)
  const project =
    options.publishTo === undefined ? undefined : await services.resolveProject(options.publishTo, signal)
  const results: Array<UploadResult | undefined> = files.map(() => undefined)
  const { units, prepared } = await planUnits(sources, options, results)
  if (options.segmentationFiles?.some(Boolean) && units.some((u) => u.inputs.length > 1)) {
    throw badArgument(
      'uploadResources: segmentationFiles cannot be attached to assembled DICOM series; pass assembleDicoms: false.',
      'segmentationFiles',
    )
  }

  const totalBytes = sources.reduce((sum, s) => sum + s.size, 0)
  const sent = new Map<Unit, number>()
  let done = 0
  let failed = 0
  let stopped: unknown
  const report = (unit: Unit, fraction: number, status: UploadResourcesProgress['status']) => {
    sent.set(unit, fraction)
    let transferred = 0
    for (const [u, f] of sent) transferred += f * u.inputs.reduce((sum, i) => sum + sources[i].size, 0)
    for (const index of unit.inputs) {
      const result = results[index]
      options.onProgress?.({
        file: sources[index].name,
        index,
        fraction,
        status,
        id: typeof result === 'string' ? result : undefined,
        error: result instanceof Error || (status === 'failed' && result !== undefined) ? result : undefined,
        transferredBytes: Math.round(transferred),
        totalBytes,
        done,
        failed,
      })
    }
  }
  const settle = (unit: Unit, result: UploadResult) => {
    for (const index of unit.inputs) results[index] = result
    if (typeof result === 'string') done += unit.inputs.length
    else {
      done += unit.inputs.length
      failed += unit.inputs.length
    }
    report(
      unit,
      typeof result === 'string' ? 1 : (sent.get(unit) ?? 0),
      typeof result === 'string' ? 'done' : 'failed',
    )
  }
  // Inputs that failed while being read count as finished from the start.
  for (const [index, error] of prepared) {
    done++
    failed++
    options.onProgress?.({
      file: sources[index].name,
      index,
      fraction: 0,
      status: 'failed',
      error,
      transferredBytes: 0,
      totalBytes,
      done,
      failed,
    })
    if (onError === 'raise') stopped ??= error
  }

  const limiter = createLimiter(concurrency)
  const tags = (unit: Unit) => {
    const own = [...(options.tags ?? [])]
    if (unit.laterality === 'L') own.push('left')
    else if (unit.laterality === 'R') own.push('right')
    return own.length ? own : undefined
  }
  await Promise.all(
    units.map((unit) =>
      limiter
        .run(
          () =>
            send(unit).catch((error: unknown) => {
              // Marked inside the task: the limiter starts the next one as soon as this settles.
              if (onError === 'raise' && !(error instanceof FileSkippedError)) stopped ??= error
              throw error
            }),
          signal,
        )
        .then(
          (id) => settle(unit, id),
          (error) => settle(unit, error instanceof Error ? error : new Error(String(error))),
        ),
    ),
  )

  async function send(unit: Unit): Promise<string> {
    if (stopped !== undefined)
      throw new FileSkippedError('Not started: an earlier upload failed (onError: raise).')
    signal?.throwIfAborted()
    report(unit, 0, 'uploading')
    const first = unit.inputs[0]
    const metadata = options.metadata?.[first]
    const id = await services.uploadOne(await unit.build(), {
      filename: unit.name,
      mimetype: unit.dicom ? 'application/dicom' : options.mimetype,
      sourceFilepath: unit.sourceFilepath,
      channel: options.channel,
      modality: options.modality,
      tags: tags(unit),
      publish: !!(options.publish || project),
      metadata: metadata ?? undefined,
      signal,
      onProgress: (p) => {
        // 1 is reported once the resource exists, by settle().
        if ((p.fraction ?? 0) < 1) report(unit, p.fraction ?? 0, 'uploading')
      },
    })
    const segmentations = options.segmentationFiles?.[first]
    if (segmentations) await services.uploadSegmentations(id, segmentations, signal)
    return id
  }

  const final = results.map((r) => r ?? new FileSkippedError('Not started.'))
  if (signal?.aborted && onError === 'raise') throw signal.reason
  if (stopped !== undefined) {
    throw new UploadResourcesError(`uploadResources: ${describe(stopped)}.`, final, stopped)
  }
  if (project) {
    const ids = [...new Set(final.filter((r): r is string => typeof r === 'string'))]
    try {
      if (ids.length > 0) await services.addToProject(project, ids, signal)
    } catch (error) {
      throw new UploadResourcesError(
        `uploadResources: the files were uploaded but adding them to project "${project.name}" failed (${describe(error)}).`,
        final,
        error,
      )
    }
  }
  return final
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}

/**
 * Reads what must be read before uploading (DICOM headers, when assembling, anonymising or discarding
 * reports) and plans the files to send. Inputs that cannot be read get their error in `results` now.
 */
async function planUnits(
  sources: UploadSource[],
  options: UploadResourcesOptions,
  results: Array<UploadResult | undefined>,
): Promise<{ units: Unit[]; prepared: Array<[number, Error]> }> {
  const assemble = options.assembleDicoms ?? true
  const discardReports = options.discardDicomReports ?? true
  const prepared: Array<[number, Error]> = []
  const filename = (source: UploadSource) =>
    options.mungFilename ? mungedFilename(source.path, options.mungFilename) : source.name
  const instances: DicomInstance[] = []
  const plain: Unit[] = []
  for (const [index, source] of sources.entries()) {
    const unit: Unit = {
      inputs: [index],
      name: filename(source),
      sourceFilepath: source.path,
      dicom: false,
      build: async () => source.data,
    }
    const head = await source.read(0, 132)
    if (!hasDicomPreamble(head)) {
      plain.push(unit)
      continue
    }
    try {
      options.signal?.throwIfAborted()
      const instance = await readDicomInstance(source, index)
      if (discardReports && instance.isReport) {
        results[index] = new FileSkippedError(
          `${source.name} is a DICOM report (${instance.modality}); pass discardDicomReports: false to upload it.`,
        )
        continue
      }
      instances.push(instance)
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason
      const failure = error instanceof Error ? error : new Error(String(error))
      results[index] = failure
      prepared.push([index, failure])
    }
  }
  const groups: DicomSeriesGroup[] = assemble
    ? groupSeries(instances)
    : instances.map((instance) => ({ instances: [instance] }))
  const dicomUnits = groups.map((group): Unit => {
    const [first] = group.instances
    const single = group.instances.length === 1
    const name = single ? filename(first.source) : seriesFilename(first)
    const folder = first.source.path.replace(/[^\\/]*$/, '')
    return {
      inputs: group.instances.map((i) => i.index),
      name,
      sourceFilepath: single ? first.source.path : `${folder}${name}`,
      dicom: true,
      laterality: first.laterality,
      build: async () => {
        if (!single) {
          const dicom = await assembledHeader(group)
          if (options.anonymize) await anonymizeDicom(dicom, { retainCodes: options.anonymizeRetainCodes })
          return writeAssembled(dicom, group)
        }
        if (!options.anonymize) return first.source.data
        const dicom = await readHeader(first)
        await anonymizeDicom(dicom, { retainCodes: options.anonymizeRetainCodes })
        const tail = first.pixelData ? [first.source.part(first.pixelData.start, first.source.size)] : []
        return writeDicom(dicom, tail)
      },
    }
  })
  const units = [...plain, ...dicomUnits].sort((a, b) => a.inputs[0] - b.inputs[0])
  return { units, prepared }
}

/** The SDK's name for an assembled series: description(s), laterality, `.dcm`; else the Series Instance UID. */
function seriesFilename(instance: DicomInstance): string {
  const d = instance.dataSet
  const parts: string[] = []
  const series = d.string('x0008103e')
  if (series) parts.push(series)
  else if (d.string('x00200011')) parts.push(`ser${d.string('x00200011')}`)
  const study = d.string('x00081030') || d.string('x00200010') || d.string('x00080020')
  if (study) parts.push(study)
  if (instance.laterality === 'L') parts.push('left')
  else if (instance.laterality === 'R') parts.push('right')
  const description = parts.join('_').replace(/[^\p{L}\p{N}]/gu, '_')
  return description ? `${description}.dcm` : `${instance.seriesUid || 'series'}.dcm`
}
