/**
 * Escapes text for HTML element content and quoted attribute values. These five characters are
 * all that can end a text node, open a tag or entity, or close a quoted attribute, so escaping
 * them makes any string inert in those two contexts (the OWASP rule for HTML body and quoted
 * attributes). Reports never put text into scripts, styles, URLs or unquoted attributes, where
 * this would not be enough. A dependency for five replacements would cost more than it saves;
 * tests/reports/html-escape.test.ts covers it.
 */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Markup that is already safe: produced by `html` or by escapeHtml. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function part(v: HtmlValue): string {
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(part).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

/**
 * A template tag that escapes every interpolated value unless it is SafeHtml, so markup is
 * safe by construction: forgetting to escape a label cannot happen, only deliberately opting
 * out with SafeHtml can. Arrays are joined; null, undefined and false render as nothing.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += part(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}
