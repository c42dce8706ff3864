// Plain documents as PDF: headings, paragraphs, facts, simple tables, and a footer with page numbers,
// written with pdfkit's standard Helvetica (no font file to ship). Shared by the committee dossier and,
// later, the minutes. Standard fonts encode text as WinAnsi, which covers French (é, œ, ’, « », €) but
// not every character the app writes (the narrow no-break space that French number formatting puts in
// "1 250 €", the minus sign, arrows…): `winAnsiText` maps these to their nearest WinAnsi equivalent,
// since pdfkit would otherwise write them as garbage.
// The file is a tagged PDF (RGAA, PDF/UA's structure): every piece of text sits in a structure element
// (H1-H3, P, Table/TR/TH/TD) in reading order, and what only decorates (rules, cell backgrounds, the
// header row repeated on each page, page numbers, the draft stamp) is marked as an artifact, so that a
// screen reader reads the document as the page it comes from.
import PDFDocument from "pdfkit";

type Doc = PDFKit.PDFDocument;
type Structure = PDFKit.PDFStructureElement;

const FONT = { regular: "Helvetica", bold: "Helvetica-Bold", italic: "Helvetica-Oblique" } as const;
// The DSFR's "bleu France" and greys, so that the PDF looks like the pages it comes from.
const COLOUR = { text: "#161616", muted: "#666666", accent: "#000091", rule: "#dddddd", header: "#eeeeee", stamp: "#ce0500" } as const;
const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
const CELL_PADDING = 4;
/** A heading needs this much room below it, else it moves to the next page with what follows. */
const KEEP_WITH_NEXT = 72;

// Characters WinAnsi holds beyond Latin-1 (see pdfkit's WIN_ANSI_MAP).
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c,
  0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);
const REPLACEMENTS: Record<string, string> = {
  "\u202f": "\u00a0",
  "\u2007": "\u00a0",
  "\u2009": " ",
  "\u200b": "",
  "\t": " ",
  "\u2212": "-",
  "\u2010": "-",
  "\u2011": "-",
  "\u2192": "->",
  "\u2190": "<-",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2248": "~",
};

const representable = (code: number) =>
  code === 0x0a || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code);

/** `text` in characters the standard fonts can show: equivalents where they exist, accents dropped where not, else "?". */
export function winAnsiText(text: string): string {
  let result = "";
  for (const char of text.replace(/\r\n?/g, "\n").normalize("NFC")) {
    if (representable(char.codePointAt(0) ?? 0)) result += char;
    else if (char in REPLACEMENTS) result += REPLACEMENTS[char];
    else {
      const base = char.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      result += base !== "" && [...base].every((c) => representable(c.codePointAt(0) ?? 0)) ? base : "?";
    }
  }
  return result;
}

export interface PdfDocumentOptions {
  title: string;
  /** Shown at the foot of every page, beside "Page n sur N". */
  footer: string;
  /** A word stamped across every page of a document that is not final ("BROUILLON"). */
  stamp?: string;
}

export interface PdfTable {
  headers: string[];
  rows: string[][];
  /** Relative widths of the columns; equal by default. */
  widths?: number[];
  /** Right-aligned columns (amounts, values). */
  numeric?: boolean[];
}

/** A document being written, top to bottom; `finish` numbers the pages and returns the file. */
export class PdfWriter {
  private readonly doc: Doc;
  private readonly root: Structure;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<void>;

  constructor(private readonly options: PdfDocumentOptions) {
    this.doc = new PDFDocument({
      size: "A4",
      margins: MARGIN,
      bufferPages: true,
      pdfVersion: "1.7",
      tagged: true,
      lang: "fr-FR",
      displayTitle: true,
      info: { Title: winAnsiText(options.title), Creator: "Jalon", Producer: "Jalon" },
    });
    this.doc.on("data", (chunk: Buffer) => this.chunks.push(chunk));
    this.ended = new Promise((resolve, reject) => {
      this.doc.on("end", resolve);
      this.doc.on("error", reject);
    });
    this.doc.font(FONT.regular).fontSize(10).fillColor(COLOUR.text);
    this.root = this.doc.struct("Document");
    this.doc.addStructure(this.root);
  }

  /** Draws content as a structure element of `type` under `parent` (the document by default). */
  private tagged(type: string, draw: () => void, parent: Structure = this.root): void {
    parent.add(this.doc.struct(type, {}, draw));
  }

  /** Draws what a reader should skip: decoration, repetition, pagination. */
  private artifact(draw: () => void, type?: "Pagination" | "Layout"): void {
    this.doc.markContent("Artifact", type ? { type } : undefined);
    draw();
    this.doc.endMarkedContent();
  }

  private get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** Starts a new page unless `height` still fits on this one. */
  private ensureRoom(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  private write(text: string, font: string, size: number, colour: string, options: PDFKit.Mixins.TextOptions = {}): void {
    this.doc
      .font(font)
      .fontSize(size)
      .fillColor(colour)
      .text(winAnsiText(text), MARGIN.left, this.doc.y, { width: this.width, lineGap: 2, ...options });
  }

  /** The document's title and the line below it. */
  title(text: string, subtitle?: string): this {
    this.tagged("H1", () => this.write(text, FONT.bold, 20, COLOUR.accent));
    if (subtitle) {
      this.doc.moveDown(0.3);
      this.tagged("P", () => this.write(subtitle, FONT.regular, 11, COLOUR.muted));
    }
    this.doc.moveDown(1);
    return this;
  }

  /** Level 1: a section; level 2: a part of one. */
  heading(text: string, level: 1 | 2 = 1): this {
    const size = level === 1 ? 14 : 11.5;
    this.doc.moveDown(level === 1 ? 0.8 : 0.5);
    this.ensureRoom(KEEP_WITH_NEXT);
    // The title is the H1: sections are H2, their parts H3.
    this.tagged(level === 1 ? "H2" : "H3", () => this.write(text, FONT.bold, size, level === 1 ? COLOUR.accent : COLOUR.text));
    this.doc.moveDown(0.3);
    return this;
  }

  /** Text as written, line breaks kept; `muted` for the document's own remarks. */
  paragraph(text: string, options: { muted?: boolean } = {}): this {
    this.tagged("P", () =>
      this.write(text, options.muted ? FONT.italic : FONT.regular, 10, options.muted ? COLOUR.muted : COLOUR.text, { paragraphGap: 4 }),
    );
    this.doc.moveDown(0.4);
    return this;
  }

  /** "Label : value" lines. */
  facts(items: readonly { label: string; value: string }[]): this {
    for (const { label, value } of items) {
      this.tagged("P", () => {
        this.doc.font(FONT.bold).fontSize(10).fillColor(COLOUR.text);
        this.doc.text(winAnsiText(`${label} : `), MARGIN.left, this.doc.y, { width: this.width, continued: true, lineGap: 2 });
        this.doc.font(FONT.regular).text(winAnsiText(value), { lineGap: 2 });
      });
    }
    this.doc.moveDown(0.5);
    return this;
  }

  /** A link, with its address spelled out for those who read the document on paper. */
  link(label: string, href: string): this {
    this.tagged("P", () => this.write(`${label} : ${href}`, FONT.regular, 10, COLOUR.accent, { link: href, underline: true }));
    this.doc.moveDown(0.5);
    return this;
  }

  private columnWidths(table: PdfTable): number[] {
    const weights = table.widths ?? table.headers.map(() => 1);
    const total = weights.reduce((sum, w) => sum + w, 0);
    return weights.map((w) => (this.width * w) / total);
  }

  private rowHeight(cells: readonly string[], widths: readonly number[], font: string): number {
    this.doc.font(font).fontSize(9);
    const heights = cells.map((cell, i) => this.doc.heightOfString(winAnsiText(cell), { width: widths[i] - 2 * CELL_PADDING, lineGap: 1 }));
    return Math.max(...heights) + 2 * CELL_PADDING;
  }

  /**
   * One row: a TR of TH (`header`) or TD cells under `structure`, or, without a structure, the header
   * row repeated at the top of a page, an artifact.
   */
  private drawRow(cells: readonly string[], widths: readonly number[], table: PdfTable, header: boolean, structure: Structure | null): void {
    const font = header ? FONT.bold : FONT.regular;
    const height = this.rowHeight(cells, widths, font);
    this.ensureRoom(height);
    const top = this.doc.y;
    if (header) this.artifact(() => this.doc.rect(MARGIN.left, top, this.width, height).fill(COLOUR.header));
    const row = structure && this.doc.struct("TR");
    if (structure && row) structure.add(row);
    let x = MARGIN.left;
    cells.forEach((cell, i) => {
      const left = x;
      const draw = () =>
        this.doc
          .font(font)
          .fontSize(9)
          .fillColor(COLOUR.text)
          .text(winAnsiText(cell), left + CELL_PADDING, top + CELL_PADDING, {
            width: widths[i] - 2 * CELL_PADDING,
            align: table.numeric?.[i] ? "right" : "left",
            lineGap: 1,
          });
      if (row) this.tagged(header ? "TH" : "TD", draw, row);
      else this.artifact(draw);
      x += widths[i];
    });
    row?.end();
    this.artifact(() =>
      this.doc
        .moveTo(MARGIN.left, top + height)
        .lineTo(MARGIN.left + this.width, top + height)
        .lineWidth(0.5)
        .strokeColor(COLOUR.rule)
        .stroke(),
    );
    this.doc.x = MARGIN.left;
    this.doc.y = top + height;
  }

  /** A table with a header row, repeated at the top of every page it runs onto. */
  table(table: PdfTable): this {
    const widths = this.columnWidths(table);
    this.ensureRoom(this.rowHeight(table.headers, widths, FONT.bold) + (table.rows[0] ? this.rowHeight(table.rows[0], widths, FONT.regular) : 0));
    const structure = this.doc.struct("Table");
    this.root.add(structure);
    this.drawRow(table.headers, widths, table, true, structure);
    for (const row of table.rows) {
      if (this.doc.y + this.rowHeight(row, widths, FONT.regular) > this.bottom) {
        this.doc.addPage();
        this.drawRow(table.headers, widths, table, true, null);
      }
      this.drawRow(row, widths, table, false, structure);
    }
    structure.end();
    this.doc.moveDown(0.8);
    return this;
  }

  /**
   * Two texts side by side, each under its title, when both fit on the page; one after the other
   * otherwise (a column cannot run onto the next page).
   */
  sideBySide(items: readonly [{ title: string; text: string }, { title: string; text: string }]): this {
    const gap = 16;
    const column = (this.width - gap) / 2;
    const heightOf = (item: { title: string; text: string }) => {
      const title = this.doc.font(FONT.bold).fontSize(10.5).heightOfString(winAnsiText(item.title), { width: column, lineGap: 2 });
      const text = this.doc.font(FONT.regular).fontSize(10).heightOfString(winAnsiText(item.text), { width: column, lineGap: 2 });
      return title + 6 + text;
    };
    const height = Math.max(heightOf(items[0]), heightOf(items[1]));
    if (height > this.bottom - MARGIN.top) {
      for (const item of items) this.heading(item.title, 2).paragraph(item.text);
      return this;
    }
    this.ensureRoom(height);
    const top = this.doc.y;
    items.forEach((item, i) => {
      const x = MARGIN.left + i * (column + gap);
      this.tagged("H3", () =>
        this.doc.font(FONT.bold).fontSize(10.5).fillColor(COLOUR.text).text(winAnsiText(item.title), x, top, { width: column, lineGap: 2 }),
      );
      this.doc.moveDown(0.3);
      this.tagged("P", () => this.doc.font(FONT.regular).fontSize(10).text(winAnsiText(item.text), x, this.doc.y, { width: column, lineGap: 2 }));
    });
    this.doc.x = MARGIN.left;
    this.doc.y = top + height;
    this.doc.moveDown(0.8);
    return this;
  }

  /** Numbers the pages, stamps them if asked, and returns the file. */
  async finish(): Promise<Buffer> {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      // Writing in the bottom margin would otherwise start a new page.
      this.doc.page.margins.bottom = 0;
      const y = this.doc.page.height - MARGIN.bottom + 24;
      this.artifact(() => {
        this.doc.font(FONT.regular).fontSize(8).fillColor(COLOUR.muted);
        this.doc.text(winAnsiText(this.options.footer), MARGIN.left, y, { width: this.width * 0.75, lineBreak: false, ellipsis: true });
        this.doc.text(`Page ${i - start + 1} sur ${count}`, MARGIN.left, y, { width: this.width, align: "right", lineBreak: false });
      }, "Pagination");
      // The draft status is written in the document's first lines: the stamp on each page is decoration.
      if (this.options.stamp) this.artifact(() => this.stamp(this.options.stamp!));
    }
    this.root.end();
    this.doc.end();
    await this.ended;
    return Buffer.concat(this.chunks);
  }

  private stamp(word: string): void {
    const { width, height } = this.doc.page;
    this.doc.save();
    this.doc.font(FONT.bold).fontSize(20).fillColor(COLOUR.stamp);
    this.doc.text(winAnsiText(word), MARGIN.left, 24, { width: this.width, align: "right", lineBreak: false });
    this.doc.rotate(-45, { origin: [width / 2, height / 2] });
    this.doc.fontSize(96).fillOpacity(0.08);
    this.doc.text(winAnsiText(word), 0, height / 2 - 48, { width, align: "center", lineBreak: false });
    this.doc.restore();
  }
}

export function createPdf(options: PdfDocumentOptions): PdfWriter {
  return new PdfWriter(options);
}
