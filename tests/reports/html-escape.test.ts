import { describe, expect, it } from 'vitest';
import { escapeHtml, html, SafeHtml } from '../../core/reports/html-escape.js';

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or a quoted attribute', () => {
    expect(escapeHtml(`<script>alert("x") & 'y'</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;'); // already-escaped text is escaped again, not trusted
    expect(escapeHtml('Köhler – plain text')).toBe('Köhler – plain text');
  });
});

describe('html template tag', () => {
  it('escapes every interpolated value unless it is SafeHtml', () => {
    const label = '"><img src=x onerror=alert(1)>';
    const out = html`<p title="${label}">${label}${html`<b>${'<i>'}</b>`}</p>`.value;
    expect(out).toBe('<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;<b>&lt;i&gt;</b></p>');
    expect(html`${new SafeHtml('<hr>')}`.value).toBe('<hr>');
  });

  it('joins arrays, renders numbers, and renders null, undefined and false as nothing', () => {
    expect(html`<ul>${['a<', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
    expect(html`${1.5}|${0}|${null}|${undefined}|${false}|${true}`.value).toBe('1.5|0||||true');
  });
});
