/// <reference types="node" />
// Node-only entry: the build compiles without Node types, so this file asks for them itself.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { SeedFile } from './seedFiles.js'

/**
 * Entry `datamint-react/testing/node`: reads every file under `dir` (recursively, sorted by path) as
 * seed files for {@link createDatamintServer}. Node only; browsers use `fetchSeedFiles`.
 *
 * @example
 * import { loadSeedFiles } from 'datamint-react/testing/node'
 * const server = createDatamintServer({ seedFiles: await loadSeedFiles('test/fixtures') })
 */
export async function loadSeedFiles(
  dir: string,
  options: { include?: (relativePath: string) => boolean } = {},
): Promise<SeedFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const paths = entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? dir, entry.name))
    .map((path) =>
      path
        .slice(dir.length)
        .replace(/^[\\/]+/, '')
        .replaceAll('\\', '/'),
    )
    .filter((relative) => !/(^|\/)\.|\.md$/i.test(relative))
    .filter((relative) => options.include?.(relative) ?? true)
    .sort()
  return Promise.all(
    paths.map(async (relative) => ({
      filename: relative.slice(relative.lastIndexOf('/') + 1),
      bytes: new Uint8Array(await readFile(join(dir, relative))),
    })),
  )
}

export * from './index.js'
