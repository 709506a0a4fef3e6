/**
 * Where the panel's host element sits, as its inline style: important inline declarations
 * beat every rule of the page's style sheets, and `all: initial` stops the properties the
 * panel would otherwise inherit from the page (its font, colour, letter spacing…).
 */
export const HOST_STYLE = [
  'all: initial',
  'display: block',
  'position: fixed',
  'right: 16px',
  'bottom: 16px',
  'z-index: 2147483647',
]
  .map((declaration) => `${declaration} !important;`)
  .join(' ')

/** The panel's style sheet, inside its shadow root, where the page's rules cannot reach. */
export const PANEL_CSS = `
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.panel {
  font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  color: #1d2330;
  color-scheme: light;
  width: 340px;
  max-height: calc(100vh - 32px);
  display: flex;
  flex-direction: column;
  background: #fff;
  border: 1px solid #c9cfdb;
  border-radius: 10px;
  box-shadow: 0 8px 28px rgba(16, 24, 40, 0.22);
  overflow: hidden;
}
.panel.folded { width: auto; max-width: 340px; }
header {
  display: flex;
  align-items: center;
  gap: 8px;
  padding: 8px 8px 8px 12px;
  background: #1f3a8a;
  color: #fff;
}
header h2 {
  flex: 1;
  min-width: 0;
  margin: 0;
  font-size: 13px;
  font-weight: 600;
  letter-spacing: 0.02em;
  white-space: nowrap;
  overflow: hidden;
  text-overflow: ellipsis;
}
header button {
  flex: none;
  width: 28px;
  height: 28px;
  padding: 0;
  border: 0;
  border-radius: 6px;
  background: transparent;
  color: #fff;
  font: 600 16px/1 system-ui, sans-serif;
  cursor: pointer;
}
header button:hover { background: rgba(255, 255, 255, 0.16); }
.body { padding: 12px; overflow-y: auto; display: flex; flex-direction: column; gap: 10px; }
.meta { margin: 0; font-size: 12px; color: #556070; display: flex; justify-content: space-between; gap: 8px; }
.who { margin: 0; padding-top: 8px; border-top: 1px solid #e4e7ee; font-size: 12px; color: #556070; }
.task h3 { margin: 0 0 2px; font-size: 16px; line-height: 1.3; overflow-wrap: anywhere; }
.task p { margin: 0; font-size: 12px; color: #556070; }
.task a { color: #1f3a8a; }
.notice, .error {
  margin: 0;
  padding: 8px 10px;
  border-radius: 6px;
  font-size: 13px;
}
.notice { background: #eef2ff; color: #1f2a5c; }
.error { background: #fdecec; color: #8a1c1c; }
.controls { display: flex; flex-wrap: wrap; gap: 6px; }
button.action {
  flex: 1 1 auto;
  min-height: 32px;
  padding: 6px 10px;
  border: 1px solid #c9cfdb;
  border-radius: 6px;
  background: #fff;
  color: #1d2330;
  font: inherit;
  font-size: 13px;
  font-weight: 500;
  line-height: 1.2;
  cursor: pointer;
}
button.action:hover:not(:disabled) { background: #f2f4f8; }
button.action.primary { background: #1f3a8a; border-color: #1f3a8a; color: #fff; }
button.action.primary:hover:not(:disabled) { background: #18306f; }
button.action:disabled { opacity: 0.5; cursor: not-allowed; }
button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, a:focus-visible {
  outline: 2px solid #f59e0b;
  outline-offset: 2px;
}
form.fields { display: flex; flex-direction: column; gap: 8px; margin: 0; }
fieldset { margin: 0; padding: 0; border: 0; display: flex; flex-direction: column; gap: 8px; }
legend { padding: 0; margin-bottom: 4px; font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; color: #556070; }
.field { display: flex; flex-direction: column; gap: 3px; font-size: 13px; }
.help { margin: 0; font-size: 12px; color: #556070; }
.field > label, .field > legend {
  margin: 0;
  font-size: 13px;
  font-weight: 500;
  text-transform: none;
  letter-spacing: 0;
  color: inherit;
}
fieldset.field { gap: 3px; }
.field .problem { font-size: 12px; color: #8a1c1c; }
.required { color: #b42318; }
input, select, textarea {
  width: 100%;
  padding: 5px 8px;
  border: 1px solid #b8c0cf;
  border-radius: 6px;
  background: #fff;
  color: #1d2330;
  font: inherit;
  font-size: 13px;
  line-height: 1.3;
}
input[type='checkbox'] { width: auto; margin: 0 6px 0 0; }
.choice { display: flex; align-items: center; font-size: 13px; }
.missing { margin: 0; font-size: 12px; color: #556070; }
form.skip { display: flex; flex-direction: column; gap: 6px; margin: 0; }
.folded .body { display: none; }
`
