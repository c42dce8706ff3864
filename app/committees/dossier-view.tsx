// A dossier's outline as a web page, for reading on screen and for printing. Every section is a
// `.dossier-section`: the print stylesheet starts each on a new page.
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Fragment } from "react";
import { DossierChart } from "./dossier-chart";
import type { DossierOutline, OutlineBlock } from "./dossier-outline";

/** The team's text: paragraphs at blank lines, line breaks kept within them. */
function WrittenText({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n\s*\n/).map((paragraph, i) => (
        <p key={i} className="fr-mb-2w" style={{ whiteSpace: "pre-line" }}>
          {paragraph.trim()}
        </p>
      ))}
    </>
  );
}

function Facts({ items }: { items: readonly { label: string; value: string }[] }) {
  return (
    <ul className="fr-mb-2w">
      {items.map((item) => (
        <li key={item.label}>
          <strong>{item.label} :</strong> {item.value}
        </li>
      ))}
    </ul>
  );
}

function Block({ block }: { block: OutlineBlock }) {
  switch (block.kind) {
    case "text":
      return <WrittenText text={block.text} />;
    case "note":
      return <p className="fr-text--sm fr-mb-2w">{block.text}</p>;
    case "subheading":
      return <h3 className="fr-h6 fr-mt-3w fr-mb-1w">{block.text}</h3>;
    case "facts":
      return <Facts items={block.items} />;
    case "link":
      return (
        <p className="fr-mb-2w">
          {block.label} :{" "}
          <a className="fr-link" href={block.href} rel="noreferrer">
            {block.href}
          </a>
        </p>
      );
    case "table":
      return <Table className="fr-mb-3w" bordered caption={block.caption} headers={block.headers} data={block.rows} />;
    case "comparison":
      return (
        <div className="fr-grid-row fr-grid-row--gutters fr-mb-3w dossier-comparison">
          {block.items.map((item) => (
            <div key={item.title} className="fr-col-12 fr-col-md-6">
              <h3 className="fr-h6 fr-mb-1w">{item.title}</h3>
              <WrittenText text={item.text} />
            </div>
          ))}
        </div>
      );
    // Every chart is a figure with a title, a summary in words and a table of the same data.
    case "figure":
      return (
        <figure className="fr-mb-6w" style={{ marginInline: 0 }}>
          <figcaption>
            <h3 className="fr-h6 fr-mb-1w">{block.title}</h3>
            <p className="fr-mb-2w">{block.summary}</p>
          </figcaption>
          <Facts items={block.facts} />
          {block.chart && <DossierChart chart={block.chart} />}
          {block.tables.map((table) => (
            <Block key={table.caption} block={table} />
          ))}
        </figure>
      );
  }
}

export function DossierView({ outline }: { outline: DossierOutline }) {
  return (
    <>
      {outline.sections.map((section) => (
        <section key={section.id} id={section.id} className="dossier-section fr-mb-6w" aria-labelledby={`${section.id}-titre`}>
          <h2 id={`${section.id}-titre`}>{section.title}</h2>
          {section.blocks.map((block, i) => (
            <Fragment key={i}>
              <Block block={block} />
            </Fragment>
          ))}
        </section>
      ))}
    </>
  );
}
