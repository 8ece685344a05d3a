import type { DatamintDb } from './DatamintDb.js'
import type { AnnotationRecord, ProjectRecord, ResourceRecord, ResourceStatus } from './entities.js'
import { addResource, defaultChannel } from './resourceFactory.js'
import { mimetypeFromFilename, type SeedFile } from './seedFiles.js'
import { seedManagement } from './seedManagement.js'

export interface SeedOptions {
  /** Extra generic projects ("Study 01", ...) after the sample ones, e.g. to demo infinite scroll. */
  extraProjects?: number
}

/** The seeded users; the first one owns the default API key. */
export const SEED_USERS = [
  { email: 'admin@datamint.test', firstname: 'Ada', lastname: 'Admin', roles: ['admin'] },
  { email: 'annotator@datamint.test', firstname: 'Ana', lastname: 'Annotator', roles: ['annotator'] },
  { email: 'reviewer@datamint.test', firstname: 'Rui', lastname: 'Reviewer', roles: ['reviewer'] },
  {
    email: 'radiologist@datamint.test',
    firstname: 'Rita',
    lastname: 'Radiologist',
    roles: ['annotator', 'reviewer'],
  },
]

// Mostly published, some waiting in the inbox, a few archived: every status filter finds something.
const STATUS_CYCLE: ResourceStatus[] = ['published', 'inbox', 'published', 'archived', 'published']
const EXTRA_TAGS = [['teaching'], ['review'], [], ['left'], ['right'], ['teaching', 'review']]

function seedResources(db: DatamintDb, files: readonly SeedFile[]): ResourceRecord[] {
  const sorted = [...files].sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0))
  return sorted.map((file, i) => {
    const mimetype = file.mimetype ?? mimetypeFromFilename(file.filename)
    const createdBy = SEED_USERS[i % SEED_USERS.length].email
    // Spread over the weeks before the clock's start (oldest first), at varied hours.
    const createdAt = db.daysAgo(sorted.length - i + (i % 3) * 0.125)
    const record = addResource(db, {
      filename: file.filename,
      bytes: file.bytes,
      mimetype,
      channel: file.channel ?? defaultChannel(mimetype),
      modality: file.modality,
      status: STATUS_CYCLE[i % STATUS_CYCLE.length],
      createdAt,
      createdBy,
      sourceFilepath: `/data/fixtures/${file.filename}`,
      uploadMechanism: 'api',
    })
    record.tags = file.tags ?? [
      ...(record.modality ? [record.modality.toLowerCase()] : []),
      ...EXTRA_TAGS[i % 6],
    ]
    return record
  })
}

/**
 * Adds a project with the server's defaults for every field not given (seed data and `POST /projects` share it,
 * so a created project looks like a seeded one).
 */
export function newProject(
  db: DatamintDb,
  fields: Partial<ProjectRecord> & { name: string; created_at: string },
): ProjectRecord {
  const project: ProjectRecord = {
    id: db.newId(),
    description: null,
    created_by: SEED_USERS[0].email,
    dataset_id: db.newId(),
    worklist_id: db.newId(),
    ai_model_id: null,
    archived: false,
    archived_on: null,
    archived_by: null,
    most_recent_experiment: null,
    annotators: [],
    is_active_learning: false,
    two_up_display: false,
    require_review: false,
    segmentationData: { segmentationValueType: 'single_label', definitions: [] },
    deleted: false,
    deleted_at: null,
    deleted_by: null,
    ...fields,
  }
  db.projects.set(project.id, project)
  return project
}

/** Puts resources into a project (membership lives on the resource's `projects` list). */
export function addToProject(project: ProjectRecord, resources: Iterable<ResourceRecord>): void {
  for (const resource of resources) {
    if (!resource.projects.some((p) => p.id === project.id)) {
      resource.projects.push({ id: project.id, name: project.name })
    }
  }
}

const isKind = (r: ResourceRecord, kind: string) => r.mimetype.includes(kind)

function seedProjectsAndDatasets(db: DatamintDb, resources: ResourceRecord[], options: SeedOptions) {
  const dicomDataset = {
    id: db.newId(),
    name: 'Public DICOM samples',
    description: 'Downsized NEMA WG04 and pydicom test images in every transfer syntax.',
    created_at: db.daysAgo(40),
    created_by: SEED_USERS[0].email,
    customer_id: db.customerId,
    updated_at: db.daysAgo(2),
    resource_ids: resources.filter((r) => isKind(r, 'dicom')).map((r) => r.id),
    deleted: false,
    deleted_at: null,
    deleted_by: null,
  }
  const mixedDataset = {
    ...dicomDataset,
    id: db.newId(),
    name: 'Volumes, images and videos',
    description: 'NIfTI volumes, PNG/JPEG renders and cine clips.',
    created_at: db.daysAgo(35),
    updated_at: null,
    resource_ids: resources.filter((r) => !isKind(r, 'dicom')).map((r) => r.id),
  }
  db.datasets.set(dicomDataset.id, dicomDataset)
  db.datasets.set(mixedDataset.id, mixedDataset)

  const annotator = (email: string) => ({ email, worklist_ids: [db.newId()] })
  const ct = newProject(db, {
    name: 'Chest CT Review',
    description: 'Find and box pulmonary nodules.',
    created_at: db.daysAgo(30),
    dataset_id: dicomDataset.id,
    annotators: [annotator(SEED_USERS[1].email), annotator(SEED_USERS[3].email)],
    require_review: true,
  })
  addToProject(
    ct,
    resources.filter((r) => r.modality === 'CT'),
  )
  const mr = newProject(db, {
    name: 'Brain MR Segmentation',
    description: 'Segment ventricles and white matter.',
    created_at: db.daysAgo(25),
    dataset_id: mixedDataset.id,
    annotators: [annotator(SEED_USERS[1].email)],
    segmentationData: { segmentationValueType: 'multi_label', definitions: [] },
  })
  addToProject(
    mr,
    resources.filter((r) => r.modality === 'MR'),
  )
  const cine = newProject(db, {
    name: 'Multi-frame QA',
    description: null,
    created_at: db.daysAgo(20),
    dataset_id: mixedDataset.id,
    two_up_display: true,
  })
  addToProject(
    cine,
    resources.filter((r) => isKind(r, 'video') || Number(r.metadata.NumberOfFrames ?? 1) > 1),
  )
  const pilot = newProject(db, {
    name: 'Archived Pilot',
    description: 'First labelling pilot, kept for reference.',
    created_at: db.daysAgo(60),
    dataset_id: dicomDataset.id,
    archived: true,
    archived_on: db.daysAgo(45),
    archived_by: SEED_USERS[0].email,
  })
  addToProject(pilot, resources.slice(0, 2))
  for (let i = 1; i <= (options.extraProjects ?? 0); i++) {
    newProject(db, {
      name: `Study ${String(i).padStart(2, '0')}`,
      description: `Generated study number ${i}.`,
      created_at: db.daysAgo(10 - i / 1000),
      dataset_id: mixedDataset.id,
    })
  }
  return { ct, mr, cine }
}

type AnnotationSeed = Partial<AnnotationRecord> & {
  file: string
  identifier: string
  annotation_type: string
}

const ANNOTATION_SEEDS: AnnotationSeed[] = [
  {
    file: 'CT_small.dcm',
    identifier: 'finding',
    annotation_type: 'category',
    text_value: 'nodule',
    status: 'published',
  },
  {
    file: 'CT_small.dcm',
    identifier: 'Nodule box',
    annotation_type: 'square',
    scope: 'frame',
    frame_index: 0,
    geometry: {
      points: [
        [40, 52, 0],
        [61, 70, 0],
      ],
    },
  },
  {
    file: 'MR_small.dcm',
    identifier: 'ventricle width',
    annotation_type: 'numeric',
    numeric_value: 12.5,
    units: 'mm',
  },
  {
    file: 'MR_small.dcm',
    identifier: 'Midline',
    annotation_type: 'line',
    scope: 'frame',
    frame_index: 0,
    geometry: {
      points: [
        [32, 4, 0],
        [32, 60, 0],
      ],
    },
    status: 'published',
  },
  {
    file: 'SC_rgb_rle_2frame.dcm',
    identifier: 'colour bars',
    annotation_type: 'label',
    scope: 'frame',
    frame_index: 1,
  },
  {
    file: 'rtdose.dcm',
    identifier: 'max dose',
    annotation_type: 'numeric',
    scope: 'frame',
    frame_index: 7,
    numeric_value: 42,
    units: 'Gy',
  },
  {
    file: 'anatomical.nii',
    identifier: 'Brain',
    annotation_type: 'segmentation',
    is_model: true,
    model_id: 'brain-seg-v2',
    created_by_model: 'brain-seg-v2',
  },
  { file: 'ct_rotate.mp4', identifier: 'quality', annotation_type: 'category', text_value: 'good' },
]

/** Creates an annotation record with the server's defaults for every field not given. */
export function newAnnotation(
  db: DatamintDb,
  resource: ResourceRecord,
  fields: Partial<AnnotationRecord> & { identifier: string; annotation_type: string },
  createdAt: string,
  createdBy: string,
): AnnotationRecord {
  const annotation: AnnotationRecord = {
    id: db.newId(),
    scope: fields.frame_index == null ? 'image' : 'frame',
    frame_index: null,
    text_value: null,
    numeric_value: null,
    units: null,
    geometry: null,
    created_at: createdAt,
    created_by: createdBy,
    annotation_worklist_id: null,
    status: 'new',
    approved_at: null,
    approved_by: null,
    resource_id: resource.id,
    associated_file: null,
    deleted: false,
    deleted_at: null,
    deleted_by: null,
    is_model: false,
    model_id: null,
    created_by_model: null,
    imported_from: null,
    set_name: null,
    project_id: resource.projects[0]?.id ?? null,
    resource_filename: resource.filename,
    resource_modality: resource.modality,
    annotation_worklist_name: null,
    user_info: db.userInfo(createdBy),
    ...fields,
  }
  db.annotations.set(annotation.id, annotation)
  return annotation
}

function seedAnnotations(db: DatamintDb, resources: ResourceRecord[]) {
  const byName = new Map(resources.map((r) => [r.filename, r]))
  const seeds = ANNOTATION_SEEDS.filter((s) => byName.has(s.file))
  // With other seed files than the bundled fixtures, still give the first resource an annotation.
  if (seeds.length === 0 && resources.length > 0) {
    seeds.push({
      file: resources[0].filename,
      identifier: 'finding',
      annotation_type: 'category',
      text_value: 'normal',
    })
  }
  seeds.forEach(({ file, ...fields }, i) => {
    const resource = byName.get(file) ?? resources[0]
    const createdBy = fields.is_model ? SEED_USERS[0].email : SEED_USERS[1 + (i % 3)].email
    const createdAt = db.daysAgo(8 - i * 0.5)
    const approved = fields.status === 'published'
    newAnnotation(
      db,
      resource,
      {
        ...fields,
        ...(approved ? { approved_at: db.daysAgo(7 - i * 0.5), approved_by: SEED_USERS[2].email } : {}),
      },
      createdAt,
      createdBy,
    )
  })
}

/**
 * Fills an empty store: the users, one resource per seed file (sorted by name, so the loader's order
 * does not matter), datasets, projects (one archived), annotations, and the projects' members, worklists,
 * splits and statuses.
 */
export function seedDatabase(db: DatamintDb, files: readonly SeedFile[], options: SeedOptions = {}): void {
  SEED_USERS.forEach((user, i) => {
    db.users.set(user.email, {
      ...user,
      customer_id: db.customerId,
      created_at: db.daysAgo(90 - i),
    })
  })
  const resources = seedResources(db, files)
  seedProjectsAndDatasets(db, resources, options)
  seedAnnotations(db, resources)
  seedManagement(db)
}
