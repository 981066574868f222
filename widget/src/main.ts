// Entry point of widget.js. One script tag is enough:
//   <script src="https://assistant.example/widget.js" data-server="https://assistant.example" defer></script>
// Settings (see config.ts), later ones winning: a JSON file named by data-config, window.NeglectAssistantConfig
// set before the tag, and the tag's data-* attributes (data-manual: mount nothing by itself). window.NeglectAssistant.mount() mounts one by hand.
import { ChatWidget } from "./widget";
import { fromDataset, normalise, type WidgetConfig } from "./config";

declare global {
  interface Window {
    NeglectAssistantConfig?: Partial<WidgetConfig>;
    NeglectAssistant?: { mount: (options?: Partial<WidgetConfig>, host?: HTMLElement) => ChatWidget; widgets: ChatWidget[] };
  }
}

const script = (document.currentScript as HTMLScriptElement | null)
  ?? document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
const scriptOrigin = script?.src ? new URL(script.src, location.href).origin : location.origin;
const widgets: ChatWidget[] = [];

function mount(options: Partial<WidgetConfig> = {}, host?: HTMLElement): ChatWidget {
  const cfg = normalise(options, scriptOrigin);
  let el = host;
  if (!el) {
    const target = cfg.mode === "page" && cfg.target ? document.querySelector<HTMLElement>(cfg.target) : null;
    el = document.createElement("div");
    el.className = "neglect-assistant-widget";
    (target ?? document.body).appendChild(el);
  }
  const w = new ChatWidget(el, cfg);
  widgets.push(w);
  return w;
}

async function start(): Promise<void> {
  const ds = script?.dataset ?? {};
  let fromFile: Partial<WidgetConfig> = {};
  if (ds.config) {
    try {
      const r = await fetch(new URL(ds.config, script?.src || location.href).href, { credentials: "same-origin" });
      if (r.ok) fromFile = await r.json();
    } catch {
      /* no config file: the other settings and the defaults still apply */
    }
  }
  // the server's file, then the page's own settings, then the tag's attributes
  const options = { ...fromFile, ...(window.NeglectAssistantConfig || {}), ...fromDataset(ds) };
  if (ds.manual === undefined) mount(options);
}

window.NeglectAssistant = { mount, widgets };
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => void start());
else void start();
