// Chromium benchmarks (bench/*.browser.bench.tsx), run by `npm run bench` after the Node ones. They print
// figures and assert nothing. Same Debian Chromium and pre-bundled deps as the `browser` test project (vitest.chromium.ts).
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'
import { browserPrebundle, chromium } from './vitest.chromium.js'

export default defineConfig({
  plugins: [react()],
  optimizeDeps: { include: browserPrebundle },
  test: {
    name: 'browser-bench',
    include: ['bench/**/*.browser.bench.{ts,tsx}'],
    testTimeout: 120_000,
    browser: {
      enabled: true,
      headless: true,
      provider: chromium,
      instances: [{ browser: 'chromium' }],
      screenshotFailures: false,
    },
  },
})
