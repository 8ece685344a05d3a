import { BaseApi } from '../BaseApi.js'
import type { CallOptions, ListFilters } from '../crud/types.js'
import { type Channel, channelSchema } from '../models/Channel.js'

/** Filters of {@link ChannelsApi.getList}. */
export interface ChannelFilters {
  /** Only channels with resources in this project (sent as `project_name`). */
  projectName?: string
}

/**
 * Upload channels (`GET /resources/channels`, paged): the resources grouped by the `channel` they were
 * uploaded with. Read-only; channels have no id of their own.
 *
 * @example
 * const channels = await api.channels.getAll()
 * const ids = channels.flatMap((c) => c.resource_data.map((r) => r.resource_id))
 */
export class ChannelsApi extends BaseApi {
  readonly endpointBase = 'resources/channels'

  /** Every channel, or the first `limit`. */
  getAll(limit?: number, options?: CallOptions): Promise<Channel[]> {
    return this.getList({ limit }, options)
  }

  /** Channels, paged with `offset`/`limit`. */
  async getList(filters: ListFilters<ChannelFilters> = {}, options?: CallOptions): Promise<Channel[]> {
    const raw = await this.paginate(this.endpointBase, {
      searchParams: { project_name: filters.projectName },
      limit: filters.limit,
      offset: filters.offset,
      signal: options?.signal,
      itemsKey: 'channels',
    })
    return channelSchema.parseList(raw, 'channels')
  }
}
