import { readdirSync, readFileSync } from 'node:fs'

const root = new URL('../../fixtures/', import.meta.url)

/** A fixture file's bytes, e.g. `fixture('dicom/CT_small.dcm')`. */
export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(path, root)))
}

/** Every fixture under dicom/, nifti/, image/ and video/, as `folder/name`. */
export function allFixtures(): string[] {
  return ['dicom', 'nifti', 'image', 'video'].flatMap((folder) =>
    readdirSync(new URL(`${folder}/`, root))
      .sort()
      .map((name) => `${folder}/${name}`),
  )
}
