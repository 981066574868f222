// The chat widget: a panel in a shadow root, talking to the Rasa channel over socket.io.
import { io, type Socket } from "socket.io-client";
import css from "./styles.css";
import { renderText, safeImageSrc } from "./format";
import type { WidgetConfig } from "./config";

interface Reply { title: string; payload: string }
interface BotPayload {
  text?: string;
  quick_replies?: Reply[];
  buttons?: Reply[];
  attachment?: { type?: string; payload?: { src?: string; alt?: string; title?: string } } | string;
  image?: string;
  transient?: boolean;
}
interface HistoryItem extends BotPayload { sender: "user" | "bot" }
interface Pending { text: string; el: HTMLElement | null }

const AUTH_ERRORS = new Set(["missing token", "invalid token", "token expired"]);
const TYPING_FALLBACK_MS = 45000;

let counter = 0;

export class ChatWidget {
  readonly root: ShadowRoot;
  private readonly doc: Document;
  private readonly cfg: WidgetConfig;
  private readonly ids: Record<string, string>;
  private socket: Socket | null = null;
  private sessionId: string | null;
  private confirmed = false;
  private historyDone = false;
  private known = 0; // messages of the stored conversation that are on screen
  private queue: Pending[] = [];
  private serverTyping = false;
  private typingTimer: number | undefined;
  private authFailures = 0;
  private everConnected = false;

  // elements
  private wrap!: HTMLElement;
  private panel!: HTMLElement;
  private launcher: HTMLButtonElement | null = null;
  private status!: HTMLElement;
  private statusText!: HTMLElement;
  private alertBox!: HTMLElement;
  private scroller!: HTMLElement;
  private earlier!: HTMLElement;
  private log!: HTMLElement;
  private typing!: HTMLElement;
  private input!: HTMLTextAreaElement;

  constructor(host: HTMLElement, cfg: WidgetConfig) {
    this.cfg = cfg;
    this.doc = host.ownerDocument;
    const n = ++counter;
    this.ids = { title: `na-title-${n}`, panel: `na-panel-${n}`, input: `na-input-${n}`, hint: `na-hint-${n}`,
                 notice: `na-notice-${n}` };
    this.root = host.attachShadow({ mode: "open" });
    this.sessionId = this.store("get");
    this.build();
    // a page connects at once; the embed when it is opened (again after a reload if it was open)
    if (cfg.mode === "page") this.connect();
    else if (cfg.open || this.store("get", undefined, "open") === "1") this.open(false);
  }

  // ---- building the DOM ---------------------------------------------------------------
  private el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
    const e = this.doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  private build(): void {
    const sheet = this.styles();
    if (sheet) this.root.adoptedStyleSheets = [sheet];
    else this.root.appendChild(this.el("style", undefined, css));

    const wrap = this.el("div", `na-root na-${this.cfg.mode}`);
    this.wrap = wrap;
    const panel = this.el("section", "na-panel");
    panel.id = this.ids.panel;
    panel.setAttribute("aria-labelledby", this.ids.title);
    if (this.cfg.mode === "embed") {
      panel.setAttribute("role", "dialog");
      panel.setAttribute("aria-modal", "false");
      panel.hidden = true;
      const launcher = this.el("button", "na-launcher", `Chat with the ${this.cfg.title.toLowerCase()}`);
      launcher.type = "button";
      launcher.setAttribute("aria-expanded", "false");
      launcher.setAttribute("aria-controls", this.ids.panel);
      launcher.addEventListener("click", () => (panel.hidden ? this.open(true) : this.close()));
      this.launcher = launcher;
      wrap.appendChild(launcher);
      panel.addEventListener("keydown", (e) => {
        if (e.key === "Escape") { e.preventDefault(); this.close(); }
      });
    }
    this.panel = panel;

    // header: title and actions
    const header = this.el("div", "na-header");
    const title = this.el("h2", "na-title", this.cfg.title);
    title.id = this.ids.title;
    const actions = this.el("div", "na-header-actions");
    const restart = this.el("button", "na-new", "New conversation");
    restart.type = "button";
    restart.addEventListener("click", () => this.newConversation());
    actions.appendChild(restart);
    if (this.cfg.mode === "embed") {
      const close = this.el("button", "na-close", "Close");
      close.type = "button";
      close.setAttribute("aria-label", "Close the chat");
      close.addEventListener("click", () => this.close());
      actions.appendChild(close);
    }
    header.append(title, actions);

    // connection status, in words (the coloured dot only repeats it)
    const status = this.el("p", "na-status");
    status.setAttribute("role", "status");
    const dot = this.el("span", "na-dot");
    dot.setAttribute("aria-hidden", "true");
    this.statusText = this.el("span", undefined, "Not connected yet");
    status.append(dot, this.statusText);
    status.dataset.state = "connecting";
    this.status = status;

    const notice = this.el("p", "na-notice");
    notice.id = this.ids.notice;
    notice.append("Decision support, not a decision. ");
    notice.append(this.el("strong", undefined, "If a child is in immediate danger, call 999."));
    notice.append(" Please don't type names, dates of birth or addresses: use your own case reference.");

    const alertBox = this.el("p", "na-alert");
    alertBox.setAttribute("role", "alert");
    this.alertBox = alertBox;

    // the conversation: earlier messages (restored, not announced) and the live log
    const scroller = this.el("div", "na-scroll");
    scroller.tabIndex = 0;
    scroller.setAttribute("role", "region");
    scroller.setAttribute("aria-label", "Conversation");
    const intro = this.el("p", "na-intro",
      "Say hello to begin, or tell me what you are worried about. You can type or use the answer buttons.");
    this.earlier = this.el("div", "na-earlier");
    this.log = this.el("div", "na-log");
    this.log.setAttribute("role", "log");
    this.log.setAttribute("aria-live", "polite");
    this.log.setAttribute("aria-label", "New messages");
    scroller.append(intro, this.earlier, this.log);
    this.scroller = scroller;

    const typing = this.el("p", "na-typing");
    typing.setAttribute("role", "status");
    this.typing = typing;

    // the message box
    const form = this.el("form", "na-form");
    form.noValidate = true;
    const label = this.el("label", "na-label", "Your message");
    label.htmlFor = this.ids.input;
    const row = this.el("div", "na-row");
    const input = this.el("textarea", "na-input");
    input.id = this.ids.input;
    input.rows = 1;
    input.maxLength = 5000;
    input.autocomplete = "off";
    input.setAttribute("aria-describedby", this.ids.hint);
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    this.input = input;
    const send = this.el("button", "na-send", "Send");
    send.type = "submit";
    row.append(input, send);
    const hint = this.el("p", "na-hint", "Press Enter to send, or Shift and Enter for a new line.");
    hint.id = this.ids.hint;
    form.append(label, row, hint);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const text = input.value.trim();
      if (!text) { input.focus(); return; }
      input.value = "";
      this.send(text, text);
      input.focus();
    });

    panel.append(header, status, notice, alertBox, scroller, typing, form);
    wrap.appendChild(panel);
    this.root.appendChild(wrap);
  }

  private styles(): CSSStyleSheet | null {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return sheet;
    } catch {
      return null; // older browsers: a <style> element instead
    }
  }

  // ---- the embed's panel ----------------------------------------------------------------
  open(focus = true): void {
    if (this.cfg.mode !== "embed") return;
    this.panel.hidden = false;
    this.wrap.classList.add("na-open");
    this.launcher?.setAttribute("aria-expanded", "true");
    this.store("set", "1", "open");
    if (!this.socket) this.connect();
    if (focus) this.input.focus();
    this.scrollDown();
  }

  close(): void {
    if (this.cfg.mode !== "embed") return;
    this.panel.hidden = true;
    this.wrap.classList.remove("na-open");
    this.launcher?.setAttribute("aria-expanded", "false");
    this.store("set", "0", "open");
    this.launcher?.focus();
  }

  // ---- storage of the conversation id -------------------------------------------------------
  private store(op: "get" | "set" | "del", value?: string, what = "session"): string | null {
    if (this.cfg.storage === "none") return null;
    const key = `neglect-assistant:${what}:${this.cfg.server}${this.cfg.path}`;
    try {
      const s = this.cfg.storage === "local" ? window.localStorage : window.sessionStorage;
      if (op === "get") return s.getItem(key);
      if (op === "set" && value !== undefined) s.setItem(key, value);
      else s.removeItem(key);
    } catch {
      /* storage blocked (a sandboxed frame, private mode): the conversation lasts as long as the page */
    }
    return null;
  }

  // ---- the connection -----------------------------------------------------------------------
  private async token(): Promise<string | null> {
    const c = this.cfg;
    if (c.getToken) return (await c.getToken()) || null;
    if (c.tokenUrl) {
      const r = await fetch(c.tokenUrl, { credentials: "include", headers: { Accept: "application/json" } });
      if (!r.ok) throw new Error(`token URL answered ${r.status}`);
      const body = (await r.text()).trim();
      try {
        const parsed = JSON.parse(body);
        return typeof parsed === "string" ? parsed : parsed.token || parsed.access_token || null;
      } catch {
        return body || null;
      }
    }
    return c.token || null;
  }

  connect(): void {
    if (this.socket) return;
    this.setStatus("connecting", "Connecting to the assistant…");
    const socket = io(this.cfg.server, {
      path: this.cfg.path,
      transports: this.cfg.transports,
      tryAllTransports: true,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10000,
      auth: (cb: (data: object) => void) => {
        this.token().then((token) => cb(token ? { token } : {}), () => cb({}));
      },
    });
    this.socket = socket;

    socket.on("connect", () => {
      this.confirmed = false;
      this.everConnected = true;
      this.authFailures = 0;
      this.showAlert("");
      socket.emit("session_request", { session_id: this.sessionId });
    });
    socket.on("session_confirm", (data: unknown) => {
      const id = typeof data === "string" ? data : (data as { session_id?: string })?.session_id;
      if (id) void this.onSession(id);
    });
    socket.on("bot_uttered", (msg: BotPayload) => this.onBot(msg));
    socket.on("bot_typing", (d: { typing?: boolean }) => {
      this.serverTyping = true;
      this.showTyping(!!d?.typing);
    });
    socket.on("auth_expired", () => this.setStatus("connecting", "Signing in again…"));
    socket.on("disconnect", (reason: string) => {
      this.confirmed = false;
      this.showTyping(false);
      if (reason === "io client disconnect") return;
      this.setStatus("offline", "Connection lost. Trying again: anything you send will go when it is back.");
      if (reason === "io server disconnect") window.setTimeout(() => socket.connect(), 1000);
    });
    socket.on("connect_error", (err: Error) => {
      this.confirmed = false;
      if (AUTH_ERRORS.has(err.message)) {
        this.authFailures += 1;
        const canRetry = (this.cfg.getToken || this.cfg.tokenUrl) && this.authFailures < 3;
        this.setStatus("offline", "Not signed in to the assistant.");
        this.showAlert(canRetry ? "" : "The assistant could not sign you in, so it cannot show or continue a " +
          "conversation. Reload the page to try again; if this keeps happening, contact your IT service desk.");
        if (canRetry) window.setTimeout(() => socket.connect(), 1500 * this.authFailures);
        return;
      }
      this.setStatus("offline", this.everConnected
        ? "Connection lost. Trying again: anything you send will go when it is back."
        : "Can't reach the assistant just now. Trying again…");
      if (!socket.active) window.setTimeout(() => socket.connect(), 3000);
    });
  }

  private async onSession(id: string): Promise<void> {
    const changed = this.sessionId !== null && this.sessionId !== id;
    this.sessionId = id;
    this.store("set", id);
    if (changed) {
      // the server would not continue the stored conversation (another user, or expired): start afresh
      this.clearMessages();
      this.known = 0;
      this.historyDone = false;
      this.note("A new conversation has started.");
    }
    await this.loadHistory();
    this.confirmed = true;
    this.setStatus("online", "Connected");
    const queued = this.queue;
    this.queue = [];
    for (const p of queued) {
      p.el?.querySelector(".na-pending")?.remove();
      this.emitMessage(p.text);
    }
  }

  private async loadHistory(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    let reply: { messages?: HistoryItem[] } | undefined;
    try {
      reply = await socket.timeout(8000).emitWithAck("history_request", { session_id: this.sessionId });
    } catch {
      reply = undefined; // a channel without history (Rasa's stock one): carry on without it
    }
    const items = Array.isArray(reply?.messages) ? reply!.messages : [];
    if (!this.historyDone) {
      this.historyDone = true;
      if (items.length) this.renderEarlier(items);
      this.known = items.length;
      return;
    }
    // a reconnection: show what arrived while the connection was down
    for (const item of items.slice(this.known)) {
      if (item.sender === "user") this.addUser(item.text || "", this.log);
      else this.addBot(item, this.log, true);
    }
    this.known = Math.max(this.known, items.length);
  }

  private renderEarlier(items: HistoryItem[]): void {
    const lastUser = items.map((m) => m.sender).lastIndexOf("user");
    const note = this.el("p", "na-earlier-note", "Earlier in this conversation");
    this.earlier.replaceChildren(note);
    items.forEach((item, i) => {
      if (item.sender === "user") this.addUser(item.text || "", this.earlier);
      else this.addBot(item, this.earlier, i > lastUser);
    });
    this.scrollDown();
  }

  // ---- messages -----------------------------------------------------------------------------
  private onBot(msg: BotPayload): void {
    if (!msg || typeof msg !== "object") return;
    if (!msg.transient) this.known += 1;
    if (!this.serverTyping) {
      window.clearTimeout(this.typingTimer);
      this.typingTimer = window.setTimeout(() => this.showTyping(false), 1200);
    }
    this.addBot(msg, this.log, true);
  }

  send(payload: string, shown: string): void {
    this.clearReplies();
    const el = this.addUser(shown, this.log);
    if (this.confirmed && this.socket?.connected) {
      this.emitMessage(payload);
    } else {
      el.appendChild(this.el("span", "na-pending", "Not sent yet: it will be sent when the connection is back."));
      this.queue.push({ text: payload, el });
      if (!this.socket) this.connect();
    }
  }

  private emitMessage(text: string): void {
    const socket = this.socket;
    if (!socket) return;
    this.known += 1;
    this.showTyping(true);
    socket.emit("user_uttered", { message: text, session_id: this.sessionId },
      (ack: { ok?: boolean; error?: string } | undefined) => {
        if (!ack || ack.ok !== false) return;
        this.known -= 1; // refused: not stored
        if (ack.error === "token expired" || (ack.error || "").startsWith("no session")) {
          // sent again once the connection has signed in afresh
          this.queue.push({ text, el: null });
        }
      });
  }

  private addUser(text: string, where: HTMLElement): HTMLElement {
    const m = this.el("div", "na-msg na-msg-user");
    m.appendChild(this.el("span", "na-who", "You"));
    const body = this.el("div", "na-body");
    body.appendChild(renderText(this.doc, text));
    m.appendChild(body);
    where.appendChild(m);
    this.scrollDown();
    return m;
  }

  private addBot(msg: BotPayload, where: HTMLElement, withReplies: boolean): void {
    const m = this.el("div", "na-msg na-msg-bot");
    m.appendChild(this.el("span", "na-who", "Assistant"));
    const body = this.el("div", "na-body");
    if (typeof msg.text === "string" && msg.text) body.appendChild(renderText(this.doc, msg.text));
    const img = this.imageOf(msg);
    if (img) body.appendChild(img);
    m.appendChild(body);
    const replies = (msg.quick_replies || msg.buttons || []).filter((r) => r && r.title && r.payload);
    if (withReplies && replies.length) {
      const group = this.el("div", "na-replies");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Suggested answers");
      for (const r of replies) {
        const b = this.el("button", "na-reply", String(r.title));
        b.type = "button";
        b.addEventListener("click", () => {
          this.send(String(r.payload), String(r.title));
          this.input.focus();
        });
        group.appendChild(b);
      }
      m.appendChild(group);
    }
    if (!body.childNodes.length && !m.querySelector(".na-replies")) return;
    where.appendChild(m);
    this.scrollDown();
  }

  private imageOf(msg: BotPayload): HTMLElement | null {
    let src: unknown = msg.image;
    let alt = "";
    const att = msg.attachment;
    if (!src && att && typeof att === "object" && (att.type === "image" || !att.type) && att.payload) {
      src = att.payload.src;
      alt = att.payload.alt || att.payload.title || "";
    } else if (!src && typeof att === "string") {
      src = att;
    }
    const safe = safeImageSrc(src, this.cfg.server);
    if (!safe) return null;
    const fig = this.el("figure");
    const img = this.el("img");
    img.src = safe;
    img.alt = alt || (msg.text ? "Picture for this message (described in its text)" : "Picture sent by the assistant");
    img.decoding = "async";
    fig.appendChild(img);
    if (!safe.startsWith("data:")) {
      const cap = this.el("figcaption");
      const a = this.el("a", undefined, "Open the picture full size");
      a.href = safe;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.appendChild(this.el("span", "na-visually-hidden", " (opens in a new tab)"));
      cap.appendChild(a);
      fig.appendChild(cap);
    }
    return fig;
  }

  private note(text: string): void {
    const m = this.el("div", "na-msg na-msg-note");
    m.appendChild(this.el("span", "na-who", "Note"));
    m.appendChild(this.el("div", "na-body", text));
    this.log.appendChild(m);
  }

  private clearReplies(): void {
    this.root.querySelectorAll(".na-replies").forEach((g) => g.remove());
  }

  private clearMessages(): void {
    this.earlier.replaceChildren();
    this.log.replaceChildren();
  }

  newConversation(): void {
    this.clearMessages();
    this.queue = [];
    this.known = 0;
    this.historyDone = true; // a new conversation has no history to load
    this.sessionId = null;
    this.store("del");
    this.showTyping(false);
    this.setStatus("connecting", "Starting a new conversation…");
    if (this.socket?.connected) this.socket.emit("session_request", { session_id: null });
    else this.connect();
    this.input.focus();
  }

  // ---- status, typing, alerts -----------------------------------------------------------------
  private setStatus(state: "online" | "connecting" | "offline", text: string): void {
    if (this.statusText.textContent === text && this.status.dataset.state === state) return;
    this.status.dataset.state = state;
    this.statusText.textContent = text;
  }

  private showTyping(on: boolean): void {
    window.clearTimeout(this.typingTimer);
    const text = on ? "The assistant is typing…" : "";
    if (this.typing.textContent !== text) this.typing.textContent = text;
    if (on) this.typingTimer = window.setTimeout(() => this.showTyping(false), TYPING_FALLBACK_MS);
  }

  private showAlert(text: string): void {
    if (this.alertBox.textContent !== text) this.alertBox.textContent = text;
  }

  private scrollDown(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }
}
