import { HttpResponse } from 'msw'
import { HttpError } from '../httpErrors.js'
import type { RouteContext } from '../router.js'
import { count } from '../wire.js'

/** A JSON answer. */
export function json(body: unknown, status = 200): Response {
  return HttpResponse.json(body as never, { status })
}

/** `{ data, totalCount }`: the paged list shape of most endpoints. */
export function pagedList(context: RouteContext, data: unknown[], total: number): Response {
  return json({ data, totalCount: count(total, context.settings) })
}

/** What a PATCH answers: the updated entity or `{}`, as configured. */
export function patched(context: RouteContext, entity: unknown): Response {
  return json(context.settings.patchResponse === 'empty' ? {} : entity)
}

/** 404 in the server's words: `Project not found: <id>` (the SDK looks for "not found"). */
export function notFound(kind: string, id: string): HttpError {
  return new HttpError(404, `${kind} not found: ${id}`)
}
