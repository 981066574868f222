// Bot text to DOM, as text only: every string goes in through textContent (or a Text node),
// never innerHTML. Formatting understood: line breaks, blank lines between paragraphs,
// "- " / "* " / "• " bullet lists, "1. " numbered lists, and http(s) links.

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,3})[.)]\s+(.*)$/;
const URL_RE = /\bhttps?:\/\/[^\s<>"'\u00a0]+/g;

/** Appends text to a parent, turning http(s) URLs into links that open in a new tab. */
export function appendInline(doc: Document, parent: Node, text: string): void {
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    let url = m[0];
    // leave trailing punctuation (and an unbalanced closing bracket) outside the link
    while (/[.,;:!?)\]]$/.test(url) && !(url.endsWith(")") && url.includes("("))) url = url.slice(0, -1);
    const start = m.index ?? 0;
    if (start > last) parent.appendChild(doc.createTextNode(text.slice(last, start)));
    const a = doc.createElement("a");
    a.href = safeUrl(url) ?? "#";
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.textContent = url;
    const hint = doc.createElement("span");
    hint.className = "na-visually-hidden";
    hint.textContent = " (opens in a new tab)";
    a.appendChild(hint);
    parent.appendChild(a);
    last = start + url.length;
  }
  if (last < text.length) parent.appendChild(doc.createTextNode(text.slice(last)));
}

/** An http(s) URL, or null for anything else (javascript:, data:, ...). */
export function safeUrl(url: string, base?: string): string | null {
  try {
    const u = new URL(url, base);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

/** An image source that is safe to show: http(s), or a data URL of a raster image. */
export function safeImageSrc(src: unknown, base?: string): string | null {
  if (typeof src !== "string" || !src) return null;
  if (/^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$/i.test(src)) return src;
  return safeUrl(src, base);
}

/** Renders bot text into a fragment of <p>, <ul> and <ol> elements. */
export function renderText(doc: Document, text: string): DocumentFragment {
  const frag = doc.createDocumentFragment();
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let para: HTMLParagraphElement | null = null;
  let list: HTMLUListElement | HTMLOListElement | null = null;
  let listKind = "";

  const endPara = () => { para = null; };
  const endList = () => { list = null; listKind = ""; };

  for (const raw of lines) {
    const line = raw.replace(/\s+$/, "");
    if (!line.trim()) { endPara(); endList(); continue; }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      endPara();
      const kind = bullet ? "ul" : "ol";
      if (!list || listKind !== kind) {
        list = doc.createElement(kind) as HTMLUListElement | HTMLOListElement;
        listKind = kind;
        if (numbered && numbered[1] !== "1") (list as HTMLOListElement).start = Number(numbered[1]);
        frag.appendChild(list);
      }
      const li = doc.createElement("li");
      appendInline(doc, li, bullet ? bullet[1] : numbered![2]);
      list.appendChild(li);
      continue;
    }
    endList();
    if (para) {
      para.appendChild(doc.createElement("br"));
    } else {
      para = doc.createElement("p");
      frag.appendChild(para);
    }
    appendInline(doc, para, line.trim());
  }
  return frag;
}
