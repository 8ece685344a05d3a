import { f, objectSchema } from '../schema.js'

/** One resource of a {@link Channel}. */
export interface ChannelResourceData {
  created_by: string
  customer_id: string
  resource_id: string
  resource_file_name: string
  resource_mimetype: string
}

/**
 * An upload channel (`GET /resources/channels`): the resources uploaded with the same `channel` name.
 * `channel_name` is `null` for resources uploaded without a channel.
 */
export interface Channel {
  channel_name: string | null
  resource_data: ChannelResourceData[]
  deleted?: boolean
  created_at?: string | null
  updated_at?: string | null
  resource_count?: number
}

const channelResourceDataSchema = objectSchema<ChannelResourceData>('channel resource', {
  created_by: f.string(),
  customer_id: f.string(),
  resource_id: f.string(),
  resource_file_name: f.string(),
  resource_mimetype: f.string(),
})

/** Runtime schema of {@link Channel}. */
export const channelSchema = objectSchema<Channel>('channel', {
  channel_name: f.string().nullable(),
  resource_data: f.arrayOf(channelResourceDataSchema),
  deleted: f.boolean().optional(),
  created_at: f.string().nullable().optional(),
  updated_at: f.string().nullable().optional(),
  resource_count: f.number().optional(),
})
