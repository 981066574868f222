// Where the widget's settings come from, last wins: defaults, a JSON file named by data-config,
// window.NeglectAssistantConfig, and the script tag's data-* attributes (or mount() options).

export type StorageKind = "session" | "local" | "none";

export interface WidgetConfig {
  /** The Rasa server's base URL (socket.io lives under it). Default: where widget.js came from. */
  server: string;
  /** socket.io path on that server (the channel's `socketio_path`). */
  path: string;
  /** "embed": a launcher button that opens a floating panel; "page": the chat fills `target`. */
  mode: "embed" | "page";
  /** CSS selector of the element to fill in page mode (default: a new element at the end of <body>). */
  target?: string;
  title: string;
  /** A signed token (JWT) for the channel, when it has JWT on. */
  token?: string;
  /** A URL that answers a GET (with the page's cookies) with {"token": "..."} or the bare token. */
  tokenUrl?: string;
  /** Or a function that returns a token (or a promise of one). Called at every (re)connection. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Where the conversation's id is kept across a reload: this tab only ("session"), the browser ("local"), or nowhere. */
  storage: StorageKind;
  /** socket.io transports, in the order tried. */
  transports: string[];
  /** Open the embed's panel at start. */
  open: boolean;
}

export const DEFAULTS: Omit<WidgetConfig, "server"> = {
  path: "/socket.io",
  mode: "embed",
  title: "Neglect practice assistant",
  storage: "session",
  transports: ["websocket", "polling"],
  open: false,
};

const ATTRS: Record<string, keyof WidgetConfig> = {
  server: "server",
  path: "path",
  mode: "mode",
  target: "target",
  title: "title",
  token: "token",
  tokenUrl: "tokenUrl",
  storage: "storage",
  transports: "transports",
  open: "open",
};

export function fromDataset(ds: DOMStringMap): Partial<WidgetConfig> {
  const out: Record<string, unknown> = {};
  for (const [attr, key] of Object.entries(ATTRS)) {
    const v = ds[attr];
    if (v === undefined) continue;
    if (key === "transports") out[key] = v.split(",").map((s) => s.trim()).filter(Boolean);
    else if (key === "open") out[key] = v === "" || v === "true";
    else out[key] = v;
  }
  return out as Partial<WidgetConfig>;
}

export function normalise(c: Partial<WidgetConfig>, fallbackServer: string): WidgetConfig {
  const merged = { ...DEFAULTS, ...stripUndefined(c) } as WidgetConfig;
  merged.server = (c.server || fallbackServer).replace(/\/+$/, "");
  if (merged.mode !== "page") merged.mode = "embed";
  if (!["session", "local", "none"].includes(merged.storage)) merged.storage = "session";
  if (!merged.transports.length) merged.transports = DEFAULTS.transports;
  return merged;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}
