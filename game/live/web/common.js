// Shared by the player page and the projector page: building the page safely,
// the connection to the host (with reconnects) and the art.
//
// Every text from the server or a player goes in through textContent or an
// attribute, never as HTML, so a name like <img onerror=...> shows as typed.
"use strict";

const Rapport = (() => {
  const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
  const COMPETENCIES = ["empathy", "anticipation", "upsell"];

  // el("p", {class: "x", "aria-live": "polite"}, "text", child, ...)
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = String(value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  // Pictures by name: the host finds the file (the trainer's own art first, SVG or PNG).
  function settingUrl(name) {
    return name && SLUG.test(name) ? `/art/settings/${name}` : null;
  }

  function portraitUrl(name, mood) {
    if (!name || !SLUG.test(name)) return null;
    const face = mood && SLUG.test(mood) ? mood : "neutral";
    return `/art/portraits/${name}/${face}`;
  }

  function percent(value) {
    return value === null || value === undefined ? "–" : `${Number(value).toFixed(1)}%`;
  }

  function ordinal(n) {
    const tens = n % 100;
    if (tens >= 11 && tens <= 13) return `${n}th`;
    return `${n}${{ 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th"}`;
  }

  function signed(n) {
    return n > 0 ? `+${n}` : String(n);
  }

  function scoreText(scores) {
    const parts = COMPETENCIES.filter((c) => scores && scores[c]).map(
      (c) => `${signed(scores[c])} ${c}`,
    );
    return parts.length ? parts.join(", ") : "no points";
  }

  // A WebSocket to /ws that comes back after a lock screen, a reload or a
  // dropped Wi-Fi. `onOpen` runs on every (re)connection (send join/watch
  // there); `onMessage` gets each message; `onStatus` gets "online",
  // "connecting" or "offline". `stop()` ends it for good.
  function connect({ onOpen, onMessage, onStatus }) {
    let socket = null;
    let delay = 500;
    let stopped = false;
    let timer = null;

    function open() {
      if (stopped) return;
      clearTimeout(timer);
      if (socket && (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING)) return;
      onStatus("connecting");
      const scheme = location.protocol === "https:" ? "wss" : "ws";
      socket = new WebSocket(`${scheme}://${location.host}/ws`);
      socket.addEventListener("open", () => {
        delay = 500;
        onStatus("online");
        onOpen(send);
      });
      socket.addEventListener("message", (event) => {
        let message;
        try {
          message = JSON.parse(event.data);
        } catch (error) {
          return;
        }
        if (message && typeof message.type === "string") onMessage(message, send);
      });
      socket.addEventListener("close", () => {
        socket = null;
        if (stopped) return;
        onStatus("offline");
        timer = setTimeout(open, delay);
        delay = Math.min(delay * 2, 5000);
      });
    }

    function send(message) {
      if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify(message));
        return true;
      }
      return false;
    }

    // Back from a lock screen or another app: reconnect at once.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && !socket) open();
    });
    window.addEventListener("online", () => {
      if (!socket) open();
    });
    open();
    return {
      send,
      stop() {
        stopped = true;
        clearTimeout(timer);
        if (socket) socket.close();
      },
    };
  }

  return { el, clear, settingUrl, portraitUrl, percent, ordinal, scoreText, signed, connect, COMPETENCIES };
})();
