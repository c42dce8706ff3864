// The text of a PDF response as pdfjs reads it, whitespace collapsed: what the tests check in a file.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export async function pdfText(response: Response): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(await response.arrayBuffer()), verbosity: 0 }).promise;
  let text = "";
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    for (const item of content.items) if ("str" in item) text += item.str + (item.hasEOL ? "\n" : "");
  }
  await document.destroy();
  return text.replace(/\s+/g, " ");
}
