// The PDF writer's files are tagged: read back with pdfjs, each page's structure tree holds the text
// in reading order under H1/H2/H3, P and Table/TR/TH/TD, and what decorates (page numbers, the header
// row repeated on a new page, the draft stamp) is marked as an artifact, outside the structure.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { createPdf } from "~/pdf/document.server";

interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

/** Roles of the structure tree, depth first, as "Role" lines indented by depth. */
function roles(node: StructNode, depth = 0): string[] {
  const own = node.role ? [`${"  ".repeat(depth)}${node.role}`] : [];
  return [...own, ...(node.children ?? []).flatMap((child) => roles(child, node.role ? depth + 1 : depth))];
}

/** Each text of a page with the marked content it sits in ("Artifact", or a structure's content id). */
async function markedTexts(page: Awaited<ReturnType<Awaited<ReturnType<typeof getDocument>["promise"]>["getPage"]>>) {
  const content = await page.getTextContent({ includeMarkedContent: true });
  const open: string[] = [];
  const texts: { text: string; in: string | undefined }[] = [];
  for (const item of content.items) {
    if ("str" in item) {
      if (item.str.trim() !== "") texts.push({ text: item.str, in: open.at(-1) });
      continue;
    }
    // pdfjs sends the tag of marked content at run time but leaves it out of its declared type.
    const mark = item as typeof item & { tag?: string };
    if (mark.type === "beginMarkedContentProps") open.push(mark.tag === "Artifact" ? "Artifact" : String(mark.id));
    else if (mark.type === "beginMarkedContent") open.push(String(mark.tag));
    else if (mark.type === "endMarkedContent") open.pop();
  }
  return texts;
}

describe("PDF documents", () => {
  it("are tagged: headings, paragraphs and tables in the structure, pagination and repeated headers as artifacts", async () => {
    const pdf = createPdf({ title: "Dossier de test", footer: "Pied de page", stamp: "BROUILLON" });
    pdf.title("Dossier de test", "Sous-titre").paragraph("Un premier paragraphe.");
    pdf.heading("Section").facts([{ label: "Phase", value: "Construction" }]);
    pdf.heading("Valeurs", 2).table({
      headers: ["Période", "Valeur"],
      rows: Array.from({ length: 80 }, (_, i) => [`Mois ${i + 1}`, String(i * 10)]),
      numeric: [false, true],
    });
    pdf.sideBySide([
      { title: "Forces", text: "Une équipe soudée." },
      { title: "Risques", text: "Un budget court." },
    ]);
    const file = await pdf.finish();

    const document = await getDocument({ data: new Uint8Array(file), verbosity: 0 }).promise;
    try {
      expect(document.numPages).toBeGreaterThan(1);
      const markInfo = (await document.getMarkInfo()) as { Marked?: boolean } | null;
      expect(markInfo?.Marked).toBe(true);

      const first = await document.getPage(1);
      const tree = roles((await first.getStructTree()) as StructNode).map((line) => line.trim());
      expect(tree.slice(0, 5)).toEqual(["Root", "Document", "H1", "P", "P"]);
      expect(tree).toEqual(expect.arrayContaining(["H2", "H3", "Table", "TR", "TH", "TD"]));
      expect(tree.filter((role) => role === "TH")).toHaveLength(2);

      const firstTexts = await markedTexts(first);
      const inStructure = (text: string, texts: typeof firstTexts) => texts.find((t) => t.text.includes(text))?.in;
      expect(inStructure("Dossier de test", firstTexts)).toMatch(/\d|p\d+R_mc\d+/);
      expect(inStructure("Période", firstTexts)).not.toBe("Artifact");
      expect(inStructure("Page 1 sur", firstTexts)).toBe("Artifact");
      expect(inStructure("Pied de page", firstTexts)).toBe("Artifact");
      expect(inStructure("BROUILLON", firstTexts)).toBe("Artifact");

      // On the next page the header row is drawn again for the eye only; the rows go on in the table.
      const second = await markedTexts(await document.getPage(2));
      expect(inStructure("Période", second)).toBe("Artifact");
      const rows = second.filter((t) => t.text.startsWith("Mois "));
      expect(rows.length).toBeGreaterThan(10);
      expect(rows.every((t) => t.in !== undefined && t.in !== "Artifact")).toBe(true);
      expect(second.filter((t) => t.in === undefined)).toEqual([]);
      expect(firstTexts.filter((t) => t.in === undefined)).toEqual([]);
    } finally {
      await document.destroy();
    }
  });
});
