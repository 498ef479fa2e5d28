/**
 * The dashboard's style.
 */
export const DASHBOARD_CSS = String.raw`:root { --fg: #1d2330; --muted: #5b6474; --line: #d9dee7; --bg: #f6f7f9; --ok: #1f7a45; --bad: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 12px 24px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { margin: 0; font-size: 20px; }
h2 { font-size: 16px; margin: 0 0 8px; }
h2 small { font-weight: normal; color: var(--muted); }
main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; padding: 16px 24px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; min-width: 0; }
#topology-section, #trace-section, #dead-letters-section { grid-column: 1 / -1; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
.note { color: var(--muted); font-size: 12px; }
.error { color: var(--bad); }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; border: 1px solid currentColor; }
.badge.ok { color: var(--ok); }
.badge.bad { color: var(--bad); }
.badge.local { color: #28539c; }
.badge.remote { color: #7b4a9e; }
form { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: flex-end; margin: 0 0 8px; }
label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
input { font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; min-width: 80px; }
#token, #customer-id, #trace-id { min-width: 300px; }
button { font: inherit; padding: 4px 12px; border-radius: 4px; border: 1px solid #28539c; background: #28539c; color: #fff; cursor: pointer; }
[data-status="CONFIRMED"] { color: var(--ok); }
[data-status="CANCELLED"] { color: var(--bad); }
#events { list-style: none; margin: 0; padding: 0; max-height: 480px; overflow: auto; }
#events li { padding: 4px 0; border-bottom: 1px solid var(--line); font-size: 12px; }
#events li.mine { background: #fff8dc; }
#events .name { font-weight: 600; }
#events .stage { margin-right: 4px; }
button.link { background: none; border: none; color: #28539c; padding: 0; font-size: 12px; text-decoration: underline; }
.legend-item { display: inline-flex; align-items: center; gap: 4px; margin-right: 12px; font-size: 12px; }
.swatch { width: 12px; height: 12px; border-radius: 2px; display: inline-block; }
#trace { font-size: 12px; }
.span-row { display: grid; grid-template-columns: minmax(0, 38%) minmax(0, 62%); align-items: center; border-bottom: 1px solid #eef0f4; }
.span-label { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; padding: 2px 8px 2px 0; }
.span-label .process { color: var(--muted); margin-left: 6px; }
.span-track { position: relative; height: 16px; }
.span-bar { position: absolute; top: 3px; height: 10px; border-radius: 2px; min-width: 2px; }
.span-bar.error { outline: 2px solid var(--bad); }
.p0 { background: #3b7dd8; } .p1 { background: #e07b39; } .p2 { background: #3aa876; } .p3 { background: #9b59b6; } .p4 { background: #c0392b; } .p5 { background: #7f8c8d; }
#dead-letters td { font-size: 12px; }
#dead-letters .last-error { max-width: 420px; overflow-wrap: anywhere; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } }
`;
