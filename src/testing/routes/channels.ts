import type { ResourceRecord } from '../entities.js'
import { page, paging } from '../requestInput.js'
import type { Route } from '../router.js'
import { count } from '../wire.js'
import { pagedList } from './respond.js'

export const channelRoutes: Route[] = [
  {
    method: 'GET',
    path: '/resources/channels',
    handle(context) {
      const projectName = context.url.searchParams.get('project_name')
      const groups = new Map<string, ResourceRecord[]>()
      for (const r of context.db.liveResources()) {
        if (projectName && !r.projects.some((p) => p.name === projectName)) continue
        groups.set(r.upload_channel, [...(groups.get(r.upload_channel) ?? []), r])
      }
      const channels = [...groups.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([name, resources]) => {
          const times = resources.map((r) => r.created_at).sort()
          return {
            channel_name: name,
            resource_data: resources.map((r) => ({
              created_by: r.created_by,
              customer_id: r.customer_id,
              resource_id: r.id,
              resource_file_name: r.filename,
              resource_mimetype: r.mimetype,
            })),
            deleted: false,
            created_at: times[0],
            updated_at: times[times.length - 1],
            resource_count: count(resources.length, context.settings),
          }
        })
      return pagedList(context, page(channels, paging(context.url.searchParams)), channels.length)
    },
  },
]
