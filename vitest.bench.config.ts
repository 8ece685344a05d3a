// Chromium benchmarks (bench/*.browser.bench.tsx), run by `npm run bench` after the Node ones. They print
// figures and assert nothing. Same Debian Chromium and pre-bundled deps as the `browser` test project.
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'
import { chromium } from './vitest.chromium.js'

export default defineConfig({
  plugins: [react()],
  optimizeDeps: {
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      'react/jsx-dev-runtime',
      'cornerstone-core',
      'dicom-parser',
      'fflate',
    ],
  },
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
