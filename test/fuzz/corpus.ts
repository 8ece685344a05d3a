// The seed corpus of the fuzz suites: every fixture file the library is meant to read.
import { readdirSync, readFileSync } from 'node:fs'

const root = new URL('../fixtures/', import.meta.url)

/** Fixture folders fuzzed: real files and the generated transfer syntaxes. */
export const CORPUS_FOLDERS = ['dicom', 'nifti', 'image', 'video', 'generated'] as const

export interface CorpusFile {
  /** `folder/name`, e.g. `dicom/CT_small.dcm`. */
  path: string
  bytes: Uint8Array
}

/** Every fixture in {@link CORPUS_FOLDERS} (READMEs aside), sorted. */
export function corpus(): CorpusFile[] {
  return CORPUS_FOLDERS.flatMap((folder) =>
    readdirSync(new URL(`${folder}/`, root))
      .filter((name) => !name.endsWith('.md'))
      .sort()
      .map((name) => ({
        path: `${folder}/${name}`,
        bytes: new Uint8Array(readFileSync(new URL(`${folder}/${name}`, root))),
      })),
  )
}
