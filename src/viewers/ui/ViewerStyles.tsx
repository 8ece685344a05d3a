/**
 * The viewers' stylesheet (plain CSS, class names prefixed `dmv-`), rendered once per viewer as a `<style>`
 * element: no CSS import for users to set up, and hover/focus states that inline styles cannot express.
 * Colours come from custom properties so an app can theme them (`--dmv-accent`, `--dmv-bar-bg`, …).
 */
export const VIEWER_CSS = `
.dmv-root{--dmv-accent:#3b82f6;--dmv-bar-bg:#1f2430;--dmv-bar-fg:#e6e9ef;--dmv-btn-bg:#2b3140;--dmv-btn-hover:#394154;
  font:13px/1.3 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2430}
.dmv-toolbar{display:flex;flex-wrap:wrap;align-items:center;gap:4px 6px;padding:4px 6px;background:var(--dmv-bar-bg);
  color:var(--dmv-bar-fg);border-radius:6px 6px 0 0;position:relative}
.dmv-group{display:flex;align-items:center;gap:2px;border:0;margin:0;padding:0;min-width:0}
.dmv-sep{width:1px;align-self:stretch;margin:2px 2px;background:#454c5e}
.dmv-btn{min-width:28px;height:28px;padding:0 7px;border:1px solid transparent;border-radius:4px;background:var(--dmv-btn-bg);
  color:inherit;font:inherit;cursor:pointer;display:inline-flex;align-items:center;justify-content:center;gap:4px}
.dmv-btn:hover{background:var(--dmv-btn-hover)}
.dmv-btn[aria-pressed="true"],.dmv-btn[aria-expanded="true"]{background:var(--dmv-accent);color:#fff}
.dmv-btn:focus-visible,.dmv-select:focus-visible,.dmv-range:focus-visible,.dmv-num:focus-visible,.dmv-image:focus-visible,
  .dmv-legend button:focus-visible{outline:2px solid var(--dmv-accent);outline-offset:1px}
.dmv-btn:disabled{opacity:.45;cursor:default}
.dmv-select,.dmv-num{height:28px;border-radius:4px;border:1px solid #454c5e;background:var(--dmv-btn-bg);color:inherit;font:inherit;padding:0 4px}
.dmv-num{width:3.6em}
.dmv-range{flex:1;min-width:80px;accent-color:var(--dmv-accent)}
.dmv-count{font-variant-numeric:tabular-nums;min-width:4.5em;text-align:right}
.dmv-label{display:inline-flex;align-items:center;gap:4px}
.dmv-help{position:absolute;right:6px;top:calc(100% + 4px);z-index:5;width:min(380px,calc(100% - 12px));max-height:320px;overflow:auto;
  background:#fff;color:#1f2430;border-radius:6px;box-shadow:0 6px 24px rgba(0,0,0,.35);padding:10px 12px}
.dmv-help h2{font-size:13px;margin:0 0 6px}
.dmv-help table{border-collapse:collapse;width:100%}
.dmv-help td{padding:2px 4px;vertical-align:top}
.dmv-help kbd{font:12px ui-monospace,monospace;background:#eef0f4;border:1px solid #cfd3dc;border-radius:3px;padding:0 4px;white-space:nowrap}
.dmv-image{position:relative;flex:1;min-height:0;background:#000;overflow:hidden;container-type:size;outline:none}
.dmv-overlay{position:absolute;inset:0;pointer-events:none;color:#fff;font:clamp(11px,3.2cqmin,16px)/1.35 system-ui,sans-serif;
  text-shadow:0 0 2px #000,0 0 2px #000,1px 1px 1px #000,-1px -1px 1px #000}
.dmv-corner{position:absolute;display:flex;flex-direction:column;gap:1px;white-space:pre;max-width:48%;overflow:hidden;text-overflow:ellipsis}
.dmv-tl{top:6px;left:8px}.dmv-tr{top:6px;right:8px;align-items:flex-end;text-align:right}
.dmv-bl{bottom:6px;left:8px}.dmv-br{bottom:6px;right:8px;align-items:flex-end;text-align:right}
.dmv-colorbar{position:absolute;right:8px;top:50%;transform:translateY(-50%);height:min(60%,240px);display:flex;gap:4px;align-items:stretch;pointer-events:none}
.dmv-colorbar-ramp{width:12px;border:1px solid rgba(255,255,255,.7);border-radius:2px}
.dmv-colorbar-ticks{display:flex;flex-direction:column;justify-content:space-between;color:#fff;font:11px system-ui,sans-serif;
  text-shadow:0 0 2px #000,0 0 2px #000;text-align:left}
.dmv-legend{border:0;margin:0;padding:0;min-width:0;position:absolute;left:22px;top:50%;transform:translateY(-50%);display:flex;flex-direction:column;gap:3px;z-index:2}
.dmv-legend button{display:flex;align-items:center;gap:6px;border:0;border-radius:4px;padding:2px 8px 2px 4px;cursor:pointer;
  background:rgba(20,24,32,.72);color:#fff;font:12px system-ui,sans-serif;text-align:left}
.dmv-legend button[aria-pressed="false"]{opacity:.55;text-decoration:line-through}
.dmv-opacity{display:flex;align-items:center;gap:6px;background:rgba(20,24,32,.72);color:#fff;border-radius:4px;padding:2px 8px;font:12px system-ui,sans-serif}
.dmv-opacity input{width:80px;accent-color:var(--dmv-accent)}
.dmv-annotations{position:absolute;left:0;top:0;pointer-events:none}
.dmv-swatch{width:12px;height:12px;border-radius:2px;border:1px solid rgba(255,255,255,.8)}
.dmv-chips{position:absolute;left:8px;right:8px;bottom:calc(6px + 3.2em);display:flex;flex-wrap:wrap;gap:4px;pointer-events:none}
.dmv-chip{background:rgba(20,24,32,.78);color:#fff;border:1px solid rgba(255,255,255,.35);border-radius:999px;padding:1px 8px;font:12px system-ui,sans-serif}
.dmv-state{flex:1;display:flex;align-items:center;justify-content:center;padding:16px;background:#f6f7f9;border:1px solid #e2e5ea;border-radius:6px}
.dmv-state-box{max-width:460px;width:100%;display:flex;flex-direction:column;gap:10px}
.dmv-state-title{font-size:15px;font-weight:600;margin:0;color:#1f2430}
.dmv-state-text{margin:0;color:#3a4150}
.dmv-state-error .dmv-state-title{color:#a4161a}
.dmv-state-actions{display:flex;gap:8px;flex-wrap:wrap}
.dmv-state-actions button{height:30px;padding:0 12px;border-radius:4px;border:1px solid #c4c9d4;background:#fff;font:inherit;cursor:pointer}
.dmv-state-actions button.dmv-primary{background:var(--dmv-accent);border-color:var(--dmv-accent);color:#fff}
.dmv-state-actions button:focus-visible,.dmv-state details summary:focus-visible{outline:2px solid var(--dmv-accent);outline-offset:1px}
.dmv-state details summary{cursor:pointer;color:#3a4150}
.dmv-state pre{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #e2e5ea;border-radius:4px;padding:8px;margin:6px 0 0;font:12px ui-monospace,monospace;max-height:160px;overflow:auto}
.dmv-progress{width:100%;height:8px;accent-color:var(--dmv-accent)}
.dmv-canvas{position:absolute;inset:0;touch-action:none;user-select:none}
.dmv-center{display:flex;align-items:center;justify-content:center}
.dmv-cover{position:absolute;inset:0;display:flex;z-index:3}
.dmv-edge{position:absolute;color:#ff0;font:12px system-ui,sans-serif;pointer-events:none;text-shadow:0 0 2px #000}
`

/** The stylesheet element every viewer renders (duplicates across viewers are harmless). */
export function ViewerStyles() {
  return <style>{VIEWER_CSS}</style>
}
