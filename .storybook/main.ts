import type { StorybookConfig } from '@storybook/react-vite'

const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-vitest'],
  // public/ holds msw's service worker; the fixtures are the in-browser server's seed files.
  staticDirs: ['../public', { from: '../test/fixtures', to: '/fixtures' }],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: 'react-docgen-typescript' },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite')
    return mergeConfig(viteConfig, {
      // CommonJS packages that Vite must pre-bundle before the first story asks for them, so a cold
      // start does not reload the page mid-test.
      optimizeDeps: {
        include: [
          'cornerstone-core',
          'dicom-parser',
          '@tanstack/react-query-devtools',
          // Imported on first use of its transfer syntax (the WASM codecs are our own ES modules).
          'jpeg-lossless-decoder-js',
        ],
      },
    })
  },
}

export default config
