import type { DatamintDb } from './DatamintDb.js'
import { readDicomInfo } from './dicomInfo.js'
import type { ResourceRecord, ResourceStatus } from './entities.js'

export interface NewResource {
  filename: string
  bytes: Uint8Array
  mimetype: string
  channel?: string
  modality?: string
  tags?: string[]
  status: ResourceStatus
  createdAt: string
  createdBy: string
  metadata?: Record<string, unknown>
  sourceFilepath?: string | null
  uploadMechanism?: string
}

const STORAGE: Array<[test: (mimetype: string) => boolean, storage: string]> = [
  [(m) => m.endsWith('/dicom'), 'DicomResource'],
  [(m) => m.endsWith('nifti'), 'NiftiResource'],
  [(m) => m.startsWith('image/'), 'ImageResource'],
  [(m) => m.startsWith('video/'), 'VideoResource'],
]

/** The `storage` class the server files a mimetype under. */
export function storageFor(mimetype: string): string {
  return STORAGE.find(([test]) => test(mimetype))?.[1] ?? 'Resource'
}

const MODALITY_WORDS = ['ct', 'mr', 'us', 'xr', 'cr', 'dx', 'mg', 'nm', 'pt', 'ot']

/** A plausible modality when the file has no DICOM Modality tag: a word in the name, else by kind. */
export function guessModality(filename: string, mimetype: string): string | null {
  const words = filename.toLowerCase().split(/[^a-z0-9]+/)
  const word = MODALITY_WORDS.find((w) => words.includes(w))
  if (word) return word.toUpperCase()
  if (mimetype.endsWith('nifti')) return 'MR'
  if (mimetype.startsWith('video/')) return 'US'
  if (mimetype.startsWith('image/')) return 'OT'
  return null
}

/** The default upload channel for seeded files of a kind. */
export function defaultChannel(mimetype: string): string {
  if (mimetype.endsWith('/dicom')) return 'dicom-samples'
  if (mimetype.endsWith('nifti')) return 'nifti-volumes'
  if (mimetype.startsWith('image/')) return 'images'
  if (mimetype.startsWith('video/')) return 'videos'
  return 'default'
}

/**
 * Builds and stores a resource and its file, reading DICOM tags (modality, frames, UIDs) as the real
 * server does on upload. Used by seeding and by `POST /resources`.
 */
export function addResource(db: DatamintDb, input: NewResource): ResourceRecord {
  const id = db.newId()
  const dicom = input.mimetype.endsWith('/dicom') ? readDicomInfo(input.bytes) : undefined
  const metadataModality = input.metadata?.modality ?? input.metadata?.Modality
  const modality =
    input.modality ??
    (typeof metadataModality === 'string' ? metadataModality : undefined) ??
    dicom?.modality ??
    guessModality(input.filename, input.mimetype)
  const published = input.status === 'published'
  const record: ResourceRecord = {
    id,
    resource_uri: `/resources/${id}/file`,
    storage: storageFor(input.mimetype),
    location: `resources/${db.customerId}/${id}`,
    upload_channel: input.channel ?? 'default',
    upload_mechanism: input.uploadMechanism ?? 'api',
    customer_id: db.customerId,
    filename: input.filename,
    modality,
    mimetype: input.mimetype,
    size: input.bytes.byteLength,
    status: input.status,
    created_at: input.createdAt,
    created_by: input.createdBy,
    published,
    published_on: published ? input.createdAt : null,
    published_by: published ? input.createdBy : null,
    deleted: false,
    deleted_at: null,
    deleted_by: null,
    metadata: {
      ...(dicom
        ? {
            Modality: dicom.modality ?? null,
            NumberOfFrames: dicom.numberOfFrames,
            TransferSyntaxUID: dicom.transferSyntaxUID ?? null,
          }
        : {}),
      ...input.metadata,
    },
    source_filepath: input.sourceFilepath ?? null,
    tags: input.tags ?? [],
    instance_uid: dicom?.instanceUid ?? null,
    series_uid: dicom?.seriesUid ?? null,
    study_uid: dicom?.studyUid ?? null,
    patient_id: dicom?.patientId ?? null,
    user_info: db.userInfo(input.createdBy),
    projects: [],
    labels: [],
  }
  db.resources.set(id, record)
  db.files.set(id, { bytes: input.bytes, mimetype: input.mimetype })
  return record
}
