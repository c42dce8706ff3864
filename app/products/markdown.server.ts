// Product descriptions are Markdown written by teams and read by the public: the one place where
// people's text becomes HTML in Jalon's pages. The HTML is made here, on the server, and nowhere else.
//   - Raw HTML is never passed through (`html: false`): `<script>` or `<img onerror>` show as text.
//   - Links go only to web pages or e-mail addresses (markdown-it's own check already refuses
//     `javascript:`, `vbscript:`, `file:` and `data:`; on top of it, any other scheme and relative
//     addresses are refused too) and carry `rel="noopener noreferrer"`.
//   - No images: the page's CSP blocks other sites' images, and loading them would tell third
//     parties who reads the page. `![texte](adresse)` shows as a link instead.
//   - Headings start at level 3, under the page's own "Description" (h2): the outline stays valid.
import MarkdownIt, { type RendererRule } from "markdown-it";

const ALLOWED_SCHEMES = /^(https?|mailto):/i;

/** The page's own headings are h1 (the product) and h2 (its sections). */
const HEADING_OFFSET = 2;

function createRenderer(): MarkdownIt {
  // `breaks`: a single line break typed in the form is kept, as teams expect from a text area.
  const md = new MarkdownIt("default", { html: false, linkify: true, breaks: true, typographer: false });
  md.disable("image");

  const markdownItCheck = md.validateLink.bind(md);
  md.validateLink = (url) => markdownItCheck(url) && ALLOWED_SCHEMES.test(url.trim());

  const renderToken: RendererRule = (tokens, idx, options, _env, self) =>
    self.renderToken(tokens, idx, options);
  const shiftHeading: RendererRule = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + HEADING_OFFSET)}`;
    return renderToken(tokens, idx, options, env, self);
  };
  md.renderer.rules.heading_open = shiftHeading;
  md.renderer.rules.heading_close = shiftHeading;
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx].attrSet("rel", "noopener noreferrer");
    return renderToken(tokens, idx, options, env, self);
  };
  return md;
}

let renderer: MarkdownIt | undefined;

/** The description as HTML that is safe to insert in a page: the only input `dangerouslySetInnerHTML` gets. */
export function renderMarkdown(source: string): string {
  renderer ??= createRenderer();
  return renderer.render(source);
}
