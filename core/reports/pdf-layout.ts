/**
 * The few layout primitives the PDF report needs on top of pdfkit: headings that keep with what
 * follows, wrapped paragraphs, tables that repeat their header on every page and split rows
 * taller than a page, a notice box, and running headers, footers and page numbers. pdfkit does
 * the text wrapping and measuring; its own table helper neither repeats headers nor splits
 * rows, which long phenotype lists need.
 */
import PDFDocument from 'pdfkit';
import { pdfSafe } from './pdf-text.js';

export const COLORS = {
  ink: '#1d2733',
  muted: '#5b6675',
  rule: '#c9d1db',
  band: '#edf1f5',
  stripe: '#f8f9fb',
  accent: '#1f4e79',
  warnBg: '#fff8e6',
  warn: '#b7791f',
  bad: '#a61b1b',
} as const;

export const SIZE = { title: 20, h1: 14, h2: 11, body: 9.5, table: 8.5, small: 7.5 } as const;

export type FontStyle = 'regular' | 'bold' | 'italic';
const FONTS: Record<FontStyle, string> = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' };

/** A run of text in one style; in a table cell, each span starts a new line. */
export interface Span {
  text: string;
  style?: FontStyle;
  size?: number;
  color?: string;
  /** When a table row is split across pages, keep this line with the next (a name with its id). */
  keepWithNext?: boolean;
}
export type Cell = string | Span | Span[];

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

const LINE_GAP = 1.2;
const PAD_X = 4;
const PAD_Y = 3;
/** Measurement and layout can differ by rounding; this slack keeps pdfkit from paging on its own. */
const SLACK = 2;

export interface PdfInfo {
  title: string;
  subject: string;
  createdAt: Date;
}

export class PdfLayout {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(info: PdfInfo) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 56, bottom: 56, left: 50, right: 50 },
      bufferPages: true, // page numbers ("Page 2 of 7") are written once the page count is known
      lang: 'en',
      displayTitle: true,
      info: { Title: info.title, Subject: info.subject, Author: 'Odyssey', Creator: 'Odyssey', CreationDate: info.createdAt, ModDate: info.createdAt },
    });
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => this.chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get maxY(): number {
    return this.doc.page.maxY();
  }

  private use(s: Span, fallbackSize: number): void {
    this.doc
      .font(FONTS[s.style ?? 'regular'])
      .fontSize(s.size ?? fallbackSize)
      .fillColor(s.color ?? COLORS.ink);
  }

  private spanHeight(s: Span, width: number, fallbackSize: number): number {
    this.use(s, fallbackSize);
    return this.doc.heightOfString(pdfSafe(s.text), { width, lineGap: LINE_GAP });
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = this.doc.page.margins.top;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.maxY - SLACK) this.newPage();
  }

  space(points: number): void {
    this.doc.y += points;
  }

  /** A section heading, kept on the page with at least `keep` points of what follows. */
  heading(text: string, level: 1 | 2, keep = 60): void {
    const size = level === 1 ? SIZE.h1 : SIZE.h2;
    const span: Span = { text, style: 'bold', size, color: level === 1 ? COLORS.accent : COLORS.ink };
    this.ensureSpace(this.spanHeight(span, this.width, size) + keep);
    this.space(level === 1 ? 4 : 8);
    this.use(span, size);
    this.doc.text(pdfSafe(text), this.left, this.doc.y, { width: this.width, lineGap: LINE_GAP });
    if (level === 1) {
      const y = this.doc.y + 2;
      this.doc.moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(0.75).strokeColor(COLORS.rule).stroke();
      this.doc.y = y + 6;
    } else {
      this.space(2);
    }
  }

  /** A wrapped paragraph of one or more styled runs; pdfkit pages it when it runs long. */
  paragraph(spans: Span | Span[], options: { indent?: number; gapAfter?: number; size?: number } = {}): void {
    const list = Array.isArray(spans) ? spans : [spans];
    const indent = options.indent ?? 0;
    const size = options.size ?? SIZE.body;
    this.doc.x = this.left + indent;
    list.forEach((s, i) => {
      this.use(s, size);
      const opts = { width: this.width - indent, lineGap: LINE_GAP, continued: i < list.length - 1 };
      if (i === 0) this.doc.text(pdfSafe(s.text), this.left + indent, this.doc.y, opts);
      else this.doc.text(pdfSafe(s.text), opts);
    });
    this.doc.x = this.left;
    this.space(options.gapAfter ?? 4);
  }

  /** A shaded box with a bold title, for the decision-support statement. */
  notice(title: string, body: string): void {
    const inner = this.width - 24;
    const t: Span = { text: title, style: 'bold', size: SIZE.body };
    const b: Span = { text: body, size: SIZE.table };
    const h = this.spanHeight(t, inner, SIZE.body) + this.spanHeight(b, inner, SIZE.table) + 16;
    this.ensureSpace(h);
    const y = this.doc.y;
    this.doc.rect(this.left, y, this.width, h).fill(COLORS.warnBg);
    this.doc.rect(this.left, y, 4, h).fill(COLORS.warn);
    this.use(t, SIZE.body);
    this.doc.text(pdfSafe(title), this.left + 14, y + 7, { width: inner, lineGap: LINE_GAP });
    this.use(b, SIZE.table);
    this.doc.text(pdfSafe(body), this.left + 14, this.doc.y + 1, { width: inner, lineGap: LINE_GAP });
    this.doc.x = this.left;
    this.doc.y = y + h + 8;
  }

  /** Label–value pairs in two columns, for the case facts. */
  facts(pairs: readonly [string, string][]): void {
    const colW = this.width / 2;
    const labelW = 78;
    for (let i = 0; i < pairs.length; i += 2) {
      const row = pairs.slice(i, i + 2);
      const heights = row.map(([, v]) => this.spanHeight({ text: v, style: 'bold' }, colW - labelW - 8, SIZE.body));
      const h = Math.max(...heights) + 3;
      this.ensureSpace(h);
      const y = this.doc.y;
      row.forEach(([k, v], c) => {
        const x = this.left + c * colW;
        this.use({ text: k, color: COLORS.muted }, SIZE.table);
        this.doc.text(pdfSafe(k), x, y + 1, { width: labelW - 4, lineGap: LINE_GAP });
        this.use({ text: v, style: 'bold' }, SIZE.body);
        this.doc.text(pdfSafe(v), x + labelW, y, { width: colW - labelW - 8, lineGap: LINE_GAP });
      });
      this.doc.y = y + h;
    }
    this.doc.x = this.left;
  }

  private cellSpans(cell: Cell): Span[] {
    if (typeof cell === 'string') return [{ text: cell }];
    return Array.isArray(cell) ? cell : [cell];
  }

  private header(columns: readonly Column[]): void {
    const h = Math.max(...columns.map((c) => this.spanHeight({ text: c.header, style: 'bold' }, c.width - 2 * PAD_X, SIZE.table))) + 2 * PAD_Y;
    const y = this.doc.y;
    this.doc.rect(this.left, y, this.width, h).fill(COLORS.band);
    let x = this.left;
    for (const c of columns) {
      this.use({ text: c.header, style: 'bold' }, SIZE.table);
      this.doc.text(pdfSafe(c.header), x + PAD_X, y + PAD_Y, { width: c.width - 2 * PAD_X, lineGap: LINE_GAP, align: c.align ?? 'left' });
      x += c.width;
    }
    this.doc.moveTo(this.left, y + h).lineTo(this.left + this.width, y + h).lineWidth(0.75).strokeColor(COLORS.rule).stroke();
    this.doc.y = y + h;
  }

  private drawRow(columns: readonly Column[], cells: Span[][], height: number, striped: boolean): void {
    const y = this.doc.y;
    if (striped) this.doc.rect(this.left, y, this.width, height).fill(COLORS.stripe);
    let x = this.left;
    columns.forEach((c, i) => {
      let cy = y + PAD_Y;
      for (const s of cells[i] ?? []) {
        this.use(s, SIZE.table);
        this.doc.text(pdfSafe(s.text), x + PAD_X, cy, { width: c.width - 2 * PAD_X, lineGap: LINE_GAP, align: c.align ?? 'left' });
        cy += this.spanHeight(s, c.width - 2 * PAD_X, SIZE.table);
      }
      x += c.width;
    });
    this.doc.moveTo(this.left, y + height).lineTo(this.left + this.width, y + height).lineWidth(0.4).strokeColor(COLORS.rule).stroke();
    this.doc.x = this.left;
    this.doc.y = y + height;
  }

  /**
   * A table whose column widths add up to the content width. Rows are kept whole when they fit
   * on a page; a row taller than a page is split between lines, and the header is repeated on
   * every page the table reaches.
   */
  table(columns: readonly Column[], rows: readonly Cell[][]): void {
    const heights = (cells: Span[][]): number[][] => cells.map((spans, i) => spans.map((s) => this.spanHeight(s, columns[i]!.width - 2 * PAD_X, SIZE.table)));
    const headerH = 2 * PAD_Y + SIZE.table * 1.4;
    const pageRoom = this.maxY - this.doc.page.margins.top - headerH - SLACK;
    const first = rows[0] ? heights(rows[0].map((c) => this.cellSpans(c))) : [];
    const firstH = Math.max(0, ...first.map((hs) => hs.reduce((a, b) => a + b, 0))) + 2 * PAD_Y;
    this.ensureSpace(headerH + Math.min(firstH, 60));
    this.header(columns);
    rows.forEach((row, r) => {
      let pending = row.map((c) => this.cellSpans(c));
      for (;;) {
        const hs = heights(pending);
        const full = Math.max(...hs.map((x) => x.reduce((a, b) => a + b, 0))) + 2 * PAD_Y;
        const avail = this.maxY - SLACK - this.doc.y;
        if (full <= avail) return this.drawRow(columns, pending, full, r % 2 === 1);
        if (full <= pageRoom || avail < 40) {
          this.newPage();
          this.header(columns);
          if (full <= pageRoom) return this.drawRow(columns, pending, full, r % 2 === 1);
        }
        // Taller than a page: fill this page line by line, and carry the rest over.
        const room = this.maxY - SLACK - this.doc.y - 2 * PAD_Y;
        const counts = hs.map((x, i) => {
          const spans = pending[i]!;
          let used = 0;
          let n = 0;
          while (n < x.length && used + x[n]! <= room) used += x[n++]!;
          while (n > 0 && n < x.length && spans[n - 1]!.keepWithNext) n--;
          return n === 0 && x.length > 0 ? 1 : n; // a single line taller than a page still advances
        });
        const now = pending.map((spans, i) => spans.slice(0, counts[i]));
        const nowH = Math.max(...now.map((spans, i) => hs[i]!.slice(0, spans.length).reduce((a, b) => a + b, 0))) + 2 * PAD_Y;
        this.drawRow(columns, now, nowH, r % 2 === 1);
        pending = pending.map((spans, i) => spans.slice(counts[i]));
        if (pending.every((p) => p.length === 0)) return;
        // The first column names the row, so a reader on the next page still knows whose lines these are.
        const label = this.cellSpans(row[0] ?? '');
        if (pending[0]!.length === 0 && label.some((x) => x.text)) {
          pending[0] = [...label, { text: '(continued)', style: 'italic', size: SIZE.small, color: COLORS.muted }];
        }
        this.newPage();
        this.header(columns);
      }
    });
    this.space(6);
  }

  /** Running header (from page 2) and footer with page numbers on every page. */
  decoratePages(runningHeader: string, footer: string): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const page = this.doc.page;
      const bottom = page.margins.bottom;
      // Writing inside the bottom margin would otherwise make pdfkit start a new page.
      page.margins.bottom = 0;
      const left = page.margins.left;
      const width = page.width - left - page.margins.right;
      this.doc.font(FONTS.regular).fontSize(SIZE.small).fillColor(COLORS.muted);
      if (i > range.start) {
        this.doc.text(pdfSafe(runningHeader), left, 30, { width, lineBreak: false, ellipsis: true, height: SIZE.small * 1.5 });
        this.doc.moveTo(left, 42).lineTo(left + width, 42).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
      }
      const fy = page.height - 40;
      this.doc.moveTo(left, fy).lineTo(left + width, fy).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
      this.doc.text(pdfSafe(footer), left, fy + 6, { width: width - 80, lineBreak: false, ellipsis: true, height: SIZE.small * 1.5 });
      this.doc.text(`Page ${i - range.start + 1} of ${range.count}`, left + width - 80, fy + 6, { width: 80, align: 'right', lineBreak: false });
      page.margins.bottom = bottom;
    }
  }

  /** Ends the document and resolves to its bytes. */
  finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}
