/**
 * Building blocks for the emails: escaping, a plain table layout with inline styles only (what mail
 * clients render reliably), and no external resources (no images, fonts or style sheets to fetch).
 */

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and for double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return String(text ?? '').replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** A first name for an email: one line, no control characters, at most 60 characters; '' when none. */
export function cleanEmailName(firstName: unknown): string {
  const name = String(firstName ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!/[\p{L}\p{N}]/u.test(name)) return '';
  const chars = [...name];
  return chars.length > 60 ? chars.slice(0, 60).join('').trim() : name;
}

/** "Hi Ana," or "Hi there," */
export function greeting(name: string): string {
  return name ? `Hi ${name},` : 'Hi there,';
}

export const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
export const INK = '#1f2933';
export const MUTED = '#616e7c';
export const ACCENT = '#1f6feb';

/** One full-width content row of the card. */
export function row(inner: string, padding = '0 28px 16px'): string {
  return `<tr><td style="padding:${padding};font-family:${FONT};font-size:15px;line-height:1.5;color:${INK};">${inner}</td></tr>`;
}

export function p(innerHtml: string, extraStyle = ''): string {
  return `<p style="margin:0 0 12px;${extraStyle}">${innerHtml}</p>`;
}

export function link(href: string, label: string): string {
  return `<a href="${escapeHtml(href)}" style="color:${ACCENT};text-decoration:underline;">${escapeHtml(label)}</a>`;
}

/** A link styled as a button (a padded table cell, which every client draws). */
export function button(href: string, label: string, color = ACCENT): string {
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="display:inline-table;margin:0 8px 8px 0;">` +
    `<tr><td style="background:${color};border-radius:6px;">` +
    `<a href="${escapeHtml(href)}" style="display:inline-block;padding:10px 22px;font-family:${FONT};font-size:15px;font-weight:600;color:#ffffff;text-decoration:none;">${escapeHtml(label)}</a>` +
    `</td></tr></table>`
  );
}

/** The whole document: a centred 600-px card on a light background. `title` and `preheader` are plain text. */
export function emailDocument(title: string, preheader: string, rows: string[]): string {
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title></head>\n` +
    `<body style="margin:0;padding:0;background:#f2f4f7;">` +
    `<div style="display:none;max-height:0;overflow:hidden;">${escapeHtml(preheader)}</div>\n` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f2f4f7;">` +
    `<tr><td align="center" style="padding:24px 12px;">\n` +
    `<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border-radius:10px;border:1px solid #e4e7eb;">\n` +
    rows.join('\n') +
    `\n</table>\n</td></tr></table>\n</body></html>\n`
  );
}

/** The card's header: a small brand line and a headline. */
export function headerRow(headline: string, subline: string): string {
  return row(
    `<div style="font-size:13px;letter-spacing:0.04em;text-transform:uppercase;color:${MUTED};">runnudge</div>` +
      `<h1 style="margin:4px 0 2px;font-size:22px;line-height:1.3;color:${INK};">${escapeHtml(headline)}</h1>` +
      (subline ? `<div style="font-size:14px;color:${MUTED};">${escapeHtml(subline)}</div>` : ''),
    '24px 28px 16px',
  );
}

/** The small print at the bottom of the card. `innerHtml` must already be escaped. */
export function footerRow(innerHtml: string): string {
  return `<tr><td style="padding:16px 28px 24px;border-top:1px solid #e4e7eb;font-family:${FONT};font-size:13px;line-height:1.5;color:${MUTED};">${innerHtml}</td></tr>`;
}
