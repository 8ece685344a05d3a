import { FormatError } from '../../api/errors.js'

/** What an error view says: a plain-language title and sentence, and the technical text for "Details". */
export interface ViewerErrorText {
  title: string
  message: string
  details: string
}

/** What failed, for the sentence: the format or codec ("JPEG 2000", "NIfTI") and the action. */
export interface ViewerErrorContext {
  /** e.g. "JPEG 2000" (a DICOM transfer syntax name) or "NIfTI". */
  format?: string
  /** What was being done: `download`, `decode` (a codec), `open` (convert the file), `play` (a video). */
  action?: 'download' | 'decode' | 'open' | 'play'
}

/**
 * Turns an error from convertFormat, a codec or the browser into words for a person, branching on
 * {@link FormatError.reason} (never on message text); the engine's own text goes to `details`.
 *
 * @example
 * describeViewerError(error, { format: 'JPEG 2000', action: 'decode' }).message
 * // "This file uses JPEG 2000, which failed to decode: the image data is damaged or incomplete."
 */
export function describeViewerError(error: unknown, context: ViewerErrorContext = {}): ViewerErrorText {
  const details = technicalText(error)
  const format = context.format
  const uses = format ? `This file uses ${format}, which ` : 'This file '
  if (context.action === 'play') {
    return {
      title: 'This video cannot be played here',
      message: `${format ? `This ${format} video` : 'This video'} uses a codec this browser cannot play. Download the file to open it in another player.`,
      details,
    }
  }
  if (context.action === 'download' && !(error instanceof FormatError)) {
    // Transport errors already say what failed and what to do (method, URL, status).
    return {
      title: 'The file could not be loaded',
      message: error instanceof Error ? error.message : String(error),
      details,
    }
  }
  if (error instanceof FormatError) {
    switch (error.reason as string) {
      case 'empty':
        return { title: 'The file is empty', message: 'The file has no content (0 bytes).', details }
      case 'undetectable':
        return {
          title: 'Unknown file type',
          message:
            'The file type could not be recognised, so it cannot be shown here. Download it to open it in another program.',
          details,
        }
      case 'unsupported':
        return {
          title: 'Format not supported',
          message: `${format ? `${uses}this viewer cannot display` : 'This file is in a format this viewer cannot display'}. Download the file to open it in another program.`,
          details,
        }
      case 'too-large':
        return {
          title: 'File too large',
          message: 'The file declares sizes beyond what this viewer can hold in memory.',
          details,
        }
      case 'corrupt':
        return {
          title: context.action === 'decode' ? 'The image could not be decoded' : 'The file is damaged',
          message:
            context.action === 'decode' && format
              ? `${uses}failed to decode: the image data is damaged or incomplete.`
              : `The ${context.action === 'decode' ? 'image data in this file' : 'file'} is damaged or incomplete (for example cut short during upload), so it cannot be shown.`,
          details,
        }
      default:
        return {
          title: 'The image could not be decoded',
          message: `${uses}failed to decode.`,
          details,
        }
    }
  }
  // Not a FormatError: the decoder itself failed (a codec module that did not load or compile, a browser
  // without WebAssembly) or an unexpected bug.
  return {
    title: context.action === 'decode' ? 'The image could not be decoded' : 'The file could not be shown',
    message:
      context.action === 'decode'
        ? `${uses}failed to decode: the decoder did not run in this browser.`
        : 'Something went wrong while showing this file.',
    details,
  }
}

/** The error's message, its causes' messages, and its name, one per line. */
function technicalText(error: unknown): string {
  const lines: string[] = []
  let e: unknown = error
  for (let depth = 0; e !== undefined && depth < 5; depth++) {
    if (e instanceof Error) {
      lines.push(`${depth ? 'Caused by ' : ''}${e.name}: ${e.message}`)
      e = e.cause
    } else {
      lines.push(`${depth ? 'Caused by ' : ''}${String(e)}`)
      break
    }
  }
  return lines.join('\n')
}
