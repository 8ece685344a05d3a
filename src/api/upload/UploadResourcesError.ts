import { DatamintError } from '../errors.js'

/** What {@link ResourcesApi.uploadResources} gives per input: the new resource's id, or why it has none. */
export type UploadResult = string | Error

/** An input that was not uploaded on purpose (a DICOM report with `discardDicomReports`), or never started. */
export class FileSkippedError extends DatamintError {
  override name = 'FileSkippedError'
}

/**
 * `uploadResources` stopped on a failure (`onError: 'raise'`, or adding the uploads to a project failed).
 * Nothing is lost: `results` has one entry per input, in input order — the id of each resource that was
 * created, the error of each input that failed, a {@link FileSkippedError} for those never started.
 *
 * @example
 * try { await api.resources.uploadResources(files) } catch (e) {
 *   if (e instanceof UploadResourcesError) keep(e.results.filter((r) => typeof r === 'string'))
 * }
 */
export class UploadResourcesError extends DatamintError {
  override name = 'UploadResourcesError'
  readonly results: UploadResult[]

  constructor(message: string, results: UploadResult[], cause: unknown) {
    const ok = results.filter((r) => typeof r === 'string').length
    super(`${message} ${ok} of ${results.length} inputs were uploaded; see error.results for each.`, {
      cause,
    })
    this.results = results
  }
}
