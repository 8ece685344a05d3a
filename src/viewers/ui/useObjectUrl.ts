'use client'
import { useEffect, useState } from 'react'

/**
 * An object URL for `bytes` that lives as long as the component (and the bytes) do: created in an effect,
 * revoked on unmount or when the bytes change, so no blob stays pinned in memory.
 */
export function useObjectUrl(bytes: Uint8Array, mimetype: string): string | undefined {
  const [url, setUrl] = useState<string>()
  useEffect(() => {
    const created = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimetype }))
    setUrl(created)
    return () => {
      URL.revokeObjectURL(created)
      setUrl(undefined)
    }
  }, [bytes, mimetype])
  return url
}
