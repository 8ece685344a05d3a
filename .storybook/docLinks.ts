/**
 * JSDoc `{@link …}` (and `{@linkcode}`/`{@linkplain}`) as Markdown for Storybook's docs pages, which print
 * react-docgen-typescript's descriptions as they are: a URL becomes a link, a symbol becomes code.
 */
export function jsdocLinksToMarkdown(text: string): string {
  return text.replace(
    /\{@link(?:code|plain)?\s+([^\s|}]+)(?:\s*\|\s*|\s+)?([^}]*)\}/g,
    (_, target, label) => {
      const shown = label.trim()
      if (/^https?:\/\//.test(target)) return `[${shown || target}](${target})`
      return shown ? `${shown} (\`${target}\`)` : `\`${target}\``
    },
  )
}
