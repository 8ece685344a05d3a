import { field, objectSchema } from '../schema.js'

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
  created_by: field.string(),
  customer_id: field.string(),
  resource_id: field.string(),
  resource_file_name: field.string(),
  resource_mimetype: field.string(),
})

/** Runtime schema of {@link Channel}. */
export const channelSchema = objectSchema<Channel>('channel', {
  channel_name: field.string().nullable(),
  resource_data: field.arrayOf(channelResourceDataSchema),
  deleted: field.boolean().optional(),
  created_at: field.string().nullable().optional(),
  updated_at: field.string().nullable().optional(),
  resource_count: field.number().optional(),
})
