/** Saves `bytes` as a file through a temporary link; the object URL is revoked right after the click. */
export function downloadBytes(bytes: Uint8Array, mimetype: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimetype }))
  try {
    const a = document.createElement('a')
    a.href = url
    a.download = filename
    a.rel = 'noopener'
    a.style.display = 'none'
    document.body.append(a)
    a.click()
    a.remove()
  } finally {
    // The click has started the download synchronously; the URL is no longer needed.
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }
}
