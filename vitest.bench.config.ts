// Chromium benchmarks (bench/*.browser.bench.tsx), run by `npm run bench` after the Node ones. They print
// figures and assert nothing. Same Debian Chromium and pre-bundled deps as the `browser` test project.
import react from '@vitejs/plugin-react'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'

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
      provider: playwright({
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
        },
      }),
      instances: [{ browser: 'chromium' }],
      screenshotFailures: false,
    },
  },
})
