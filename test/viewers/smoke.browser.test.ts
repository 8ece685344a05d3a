import { expect, it } from 'vitest'

it('runs in Chromium with a 2D canvas', () => {
  const canvas = document.createElement('canvas')
  const ctx = canvas.getContext('2d')
  expect(ctx).not.toBeNull()
  expect(navigator.userAgent).toContain('Chrome')
})
