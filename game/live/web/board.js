// The projector page: the join code, the QR code and the board; in a huddle
// the room's conversation, the live tally and the reveal. Opened with the
// host's secret (#host=… in the address, printed by `rapport host`) it also
// shows the host's buttons. The secret is taken out of the address bar at once
// so the room never sees it on the projector.
"use strict";

(() => {
  const { el, clear, settingUrl, portraitUrl, percent, scoreText, connect } = Rapport;
  const KEY = "rapport-live-host";
  const $ = (id) => document.getElementById(id);

  let token = null;
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("host")) {
    token = hash.get("host");
    try {
      sessionStorage.setItem(KEY, token);
    } catch (error) {
      /* storage off: a reload needs the full link again */
    }
    history.replaceState(null, "", location.pathname);
  } else {
    try {
      token = sessionStorage.getItem(KEY);
    } catch (error) {
      token = null;
    }
  }

  const state = { mode: "race", view: null, tally: null, revealed: false, timer: null, host: false, linesOf: null };

  function send(message) {
    return link.send(message);
  }

  function host(action, extra) {
    if (!state.host) return;
    $("host-message").textContent = "";
    send({ type: "host", host_token: token, action, seq: state.view ? state.view.seq : null, ...(extra || {}) });
  }

  // -- the join panel -------------------------------------------------------------------------
  function showWatching(message) {
    state.mode = message.mode;
    state.host = message.host;
    const what = message.mode === "huddle" ? "Huddle" : "Race";
    $("title").textContent = `${message.title} · ${what} · ${message.session}`;
    if (message.code) {
      $("code").textContent = `${message.code.slice(0, 3)} ${message.code.slice(3)}`;
      $("join-url").textContent = (message.urls || [])[0] || location.origin;
    } else {
      $("code").textContent = "";
      $("join-url").textContent = "Ask the host for the code.";
    }
    if (typeof message.qr === "string" && message.qr.startsWith("data:image/svg+xml")) {
      $("qr").src = message.qr;
      $("qr").hidden = false;
    }
    showPlayers(message.players, message.joined);
    $("huddle").hidden = message.mode !== "huddle";
    $("controls").hidden = !message.host;
    $("huddle-controls").hidden = message.mode !== "huddle";
    $("timers").value = message.timers;
    document.body.classList.toggle("huddle-mode", message.mode === "huddle");
    if (message.mode === "huddle") {
      $("board-heading").textContent = "Best votes";
      $("board-empty").textContent = "After each decision: who voted for the best answer.";
    }
  }

  function showPlayers(connected, joined) {
    $("players").textContent = `${connected} player${connected === 1 ? "" : "s"} connected` + (joined > connected ? ` (${joined} joined)` : "");
  }

  // -- the board -------------------------------------------------------------------------------
  function showBoard(rows) {
    if (state.mode === "huddle") return; // a huddle's board is the room's votes (standings)
    $("board-heading").textContent = "Board";
    fill(rows, (row) => percent(row.overall), (row) =>
      ["empathy", "anticipation", "upsell"]
        .map((c) => `${c[0].toUpperCase()}${c.slice(1)} ${percent(row[c])}`)
        .concat(row.untimed ? ["untimed"] : []) // played in the window with its timers off
        .join(" · "),
    );
  }

  function showStandings(rows) {
    $("board-heading").textContent = "Best votes";
    fill(rows, (row) => `${row.best} of ${row.votes}`, () => "");
  }

  function fill(rows, value, detail) {
    const podium = clear($("podium"));
    const list = clear($("rows"));
    rows.forEach((row, index) => {
      const item = el(
        "li",
        { class: index < 3 ? `place place-${index + 1}` : "row" },
        el("span", { class: "rank", text: row.rank }),
        el("span", { class: "player", text: row.player }),
        el("span", { class: "value", text: value(row) }),
        detail(row) ? el("span", { class: "detail", text: detail(row) }) : null,
      );
      (index < 3 ? podium : list).append(item);
    });
    $("board-empty").hidden = rows.length > 0;
  }

  // -- the huddle -----------------------------------------------------------------------------
  function showView(view) {
    const fresh = !state.view || state.view.seq !== view.seq;
    if (state.linesOf !== view.scenario) {
      clear($("lines"));
      state.linesOf = view.scenario;
    }
    state.view = view;
    state.revealed = false;
    $("huddle-heading").textContent = view.title;
    $("huddle-part").textContent = view.parts > 1 ? `Scenario ${view.part} of ${view.parts}` : "";
    const setting = settingUrl(view.setting);
    $("setting").hidden = !setting;
    if (setting) $("setting").src = setting;
    let speaker = null;
    for (const line of view.lines) if (line.portrait) speaker = line;
    const portrait = speaker ? portraitUrl(speaker.portrait, speaker.mood) : null;
    $("portrait").hidden = !portrait;
    if (portrait) $("portrait").src = portrait;
    if (fresh) {
      for (const line of view.lines) {
        const narrator = line.speaker === "narrator";
        const item = el("p", { class: narrator ? "line narrator" : "line" });
        if (!narrator) item.append(el("span", { class: "speaker", text: `${line.name}: ` }));
        item.append(document.createTextNode(line.text));
        $("lines").append(item);
      }
      if (view.ending) {
        $("lines").append(el("p", { class: "line narrator" }, el("strong", { text: `${view.ending.title}. ` }), view.ending.text));
      }
      const lines = $("lines");
      lines.scrollTop = lines.scrollHeight;
    }
    $("room-result").textContent = "";
    renderOptions(view, null);
    startTimer(view);
    $("reveal").disabled = !view.choices.length;
    $("advance").textContent = view.choices.length ? "Go with the most votes" : "Next scenario";
    clear($("advance-to"));
  }

  function renderOptions(view, reveal) {
    const list = clear($("options"));
    const counts = (state.tally && state.tally.seq === view.seq && state.tally.counts) || [];
    const total = counts.reduce((a, b) => a + b, 0);
    const revealed = reveal ? new Map(reveal.choices.map((c) => [c.number, c])) : null;
    for (const choice of view.choices) {
      const votes = counts[choice.number - 1] || 0;
      const info = revealed ? revealed.get(choice.number) : null;
      const item = el(
        "li",
        { class: info && info.best ? "option best" : "option" },
        el("p", { class: "option-text" }, el("span", { class: "number", text: choice.number }), " ", choice.text),
        el("progress", { max: Math.max(total, 1), value: votes, "aria-label": `Votes for ${choice.number}` }),
        el("p", { class: "votes", text: `${votes} vote${votes === 1 ? "" : "s"}` }),
        info ? el("p", { class: "earned" }, info.best ? el("strong", { text: "Best choice. " }) : null, scoreText(info.scores)) : null,
        info && info.feedback ? el("p", { class: "feedback", text: info.feedback }) : null,
      );
      list.append(item);
    }
  }

  function showTally(tally) {
    state.tally = tally;
    if (!state.view || tally.seq !== state.view.seq) return;
    $("voters").textContent = state.view.choices.length ? `${tally.voters} of ${tally.players} voted` : "";
    renderOptions(state.view, state.revealed ? state.reveal : null);
  }

  function showReveal(reveal) {
    if (!state.view || reveal.seq !== state.view.seq) return;
    state.revealed = true;
    state.reveal = reveal;
    stopTimer();
    renderOptions(state.view, reveal);
    const to = clear($("advance-to"));
    for (const choice of reveal.choices) {
      to.append(el("button", { type: "button", onclick: () => host("advance", { number: choice.number }), text: `Go with ${choice.number}` }));
    }
  }

  function startTimer(view) {
    stopTimer();
    if (view.timer === null || view.timer === undefined || !view.choices.length) {
      $("timer-text").textContent = "";
      return;
    }
    const until = performance.now() + view.timer * 1000;
    const tick = () => {
      const left = Math.max(0, until - performance.now());
      $("timer-text").textContent = left > 0 ? `${Math.ceil(left / 1000)} s` : "Time is up";
      if (left <= 0) stopTimer();
    };
    tick();
    state.timer = setInterval(tick, 250);
  }

  function stopTimer() {
    if (state.timer) clearInterval(state.timer);
    state.timer = null;
  }

  // -- host buttons ------------------------------------------------------------------------------
  $("reveal").addEventListener("click", () => host("reveal"));
  $("advance").addEventListener("click", () => host("advance"));
  $("timers").addEventListener("change", () => host("timers", { value: $("timers").value }));
  $("kick-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const name = $("kick-name").value.trim();
    if (!name) return;
    if (window.confirm(`Remove ${name} from the session?`)) {
      host("kick", { value: name });
      $("kick-name").value = "";
    }
  });
  $("end").addEventListener("click", () => {
    if (window.confirm("End the session for everyone? Finished results are kept.")) host("end");
  });

  // -- messages ---------------------------------------------------------------------------------
  function onMessage(message) {
    switch (message.type) {
      case "watching":
        showWatching(message);
        break;
      case "players":
        showPlayers(message.connected, message.joined);
        break;
      case "board":
        showBoard(message.rows);
        break;
      case "standings":
        showStandings(message.rows);
        break;
      case "view":
        showView(message);
        break;
      case "tally":
        showTally(message);
        if (message.players !== undefined) $("players").textContent = `${message.players} player${message.players === 1 ? "" : "s"} connected`;
        break;
      case "reveal":
        showReveal(message);
        break;
      case "result":
        $("room-result").textContent = `The room's ending: ${message.outcome}, overall ${percent(message.overall)}.`;
        break;
      case "timers":
        $("timers").value = message.value;
        break;
      case "ended":
        link.stop();
        stopTimer();
        $("status").textContent = "The session has ended.";
        $("controls").hidden = true;
        break;
      case "error":
        $("host-message").textContent = message.message;
        if (message.code === "not_host") {
          token = null;
          try {
            sessionStorage.removeItem(KEY);
          } catch (error) {
            /* nothing stored */
          }
        }
        break;
      default:
        break;
    }
  }

  const link = connect({
    onOpen(sendNow) {
      sendNow(token ? { type: "watch", host_token: token } : { type: "watch" });
    },
    onMessage,
    onStatus(status) {
      $("status").textContent = status === "offline" ? "Connection lost. Reconnecting…" : "";
    },
  });
})();
