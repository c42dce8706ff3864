// A dossier as a PDF file, from the same outline as its web page: what the committee downloads.
import { createPdf, type PdfWriter } from "~/pdf/document.server";
import type { DossierContent } from "./dossier-content";
import { dossierOutline, versionLine, type OutlineBlock, type VersionMeta } from "./dossier-outline";

function writeBlock(pdf: PdfWriter, block: OutlineBlock): void {
  switch (block.kind) {
    case "text":
      pdf.paragraph(block.text);
      return;
    case "note":
      pdf.paragraph(block.text, { muted: true });
      return;
    case "subheading":
      pdf.heading(block.text, 2);
      return;
    case "facts":
      pdf.facts(block.items);
      return;
    case "link":
      pdf.link(block.label, block.href);
      return;
    case "table":
      pdf.table(block);
      return;
    case "comparison":
      pdf.sideBySide(block.items);
      return;
    // On paper, an indicator is its words and its tables.
    case "figure":
      pdf.heading(block.title, 2).facts(block.facts).paragraph(block.summary, { muted: true });
      for (const table of block.tables) pdf.table(table);
      return;
  }
}

export function dossierPdf(content: DossierContent, meta: VersionMeta): Promise<Buffer> {
  const outline = dossierOutline(content);
  const draft = meta.status === "draft";
  const pdf = createPdf({
    title: outline.title,
    footer: `${outline.title} — ${content.session.title} — version ${meta.version}${draft ? " (brouillon)" : ""}`,
    stamp: draft ? "BROUILLON" : undefined,
  });
  pdf.title(outline.title, outline.subtitle).paragraph(versionLine(meta, content), { muted: true });
  for (const section of outline.sections) {
    pdf.heading(section.title);
    for (const block of section.blocks) writeBlock(pdf, block);
  }
  return pdf.finish();
}

/** `dossier-<slug>-v<version>.pdf`. */
export function dossierFileName(slug: string, version: number): string {
  return `dossier-${slug}-v${version}.pdf`;
}
