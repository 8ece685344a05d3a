// Counts object URLs alive: URL.createObjectURL/revokeObjectURL wrapped for the duration of a test.
export function trackObjectUrls(): { live: () => number; created: () => number; restore: () => void } {
  const create = URL.createObjectURL
  const revoke = URL.revokeObjectURL
  const alive = new Set<string>()
  let count = 0
  URL.createObjectURL = (obj: Blob | MediaSource) => {
    const url = create.call(URL, obj)
    alive.add(url)
    count++
    return url
  }
  URL.revokeObjectURL = (url: string) => {
    alive.delete(url)
    revoke.call(URL, url)
  }
  return {
    live: () => alive.size,
    created: () => count,
    restore: () => {
      URL.createObjectURL = create
      URL.revokeObjectURL = revoke
    },
  }
}
