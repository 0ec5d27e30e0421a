import { escapeHtml } from '../http/response.js';

/** The plain, server-rendered page frame shared by the runner-facing pages. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · runnudge</title>
<style>
  [hidden] { display: none !important; }
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1d2327; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
  label { display: block; margin: .8rem 0 .2rem; font-weight: 600; }
  input[type=text], input[type=tel], input[type=email], input[type=time], select { font: inherit; padding: .4rem; width: 100%; box-sizing: border-box; }
  .row { display: flex; gap: 1rem; } .row > div { flex: 1; }
  .check { font-weight: normal; display: inline-flex; gap: .4rem; margin-right: 1rem; }
  /* #c2410c: white text on it measures 5.2:1 (Strava's #fc4c02 was 3.4:1, under WCAG AA's 4.5:1). */
  button, .button { font: inherit; padding: .5rem 1rem; border-radius: .4rem; border: 1px solid #c2410c; background: #c2410c; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
  :focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
  button.secondary { background: #fff; color: #b32d2e; border-color: #b32d2e; }
  .error { color: #b32d2e; font-size: .9rem; min-height: 1em; }
  .error-summary { border: 3px solid #b32d2e; border-radius: .4rem; padding: .2rem 1rem; margin: 1rem 0; }
  .error-summary h3 { margin: .5rem 0; } .error-summary a { color: #b32d2e; font-weight: 600; }
  .note { color: #50575e; font-size: .9rem; }
  .status { padding: .6rem; background: #f0f6fc; border-radius: .4rem; }
  table { border-collapse: collapse; } td { padding: .2rem 1rem .2rem 0; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}
