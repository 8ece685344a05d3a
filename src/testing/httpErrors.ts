import { HttpResponse } from 'msw'

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

/** The reason phrase for a status, e.g. 404 → 'Not Found'. */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Error'
}

/**
 * The error body the Datamint server (a NestJS application) sends: `{ statusCode, message, error }`,
 * plus any extra fields (a 409 carries the existing entity).
 */
export function errorBody(status: number, message: string, extra: Record<string, unknown> = {}) {
  return { statusCode: status, message, error: reasonPhrase(status), ...extra }
}

/** A JSON error response in the server's shape. */
export function errorResponse(status: number, message: string, extra?: Record<string, unknown>): Response {
  return HttpResponse.json(errorBody(status, message, extra), { status })
}

/**
 * Thrown by route code to answer with an error; the router turns it into {@link errorResponse}.
 * Keeps validation helpers short: `throw new HttpError(422, 'name must be a non-empty string')`.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}
