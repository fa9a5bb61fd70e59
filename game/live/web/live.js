// The player's page: join, play (race) or vote (huddle), see the result and
// your own place. The host computes everything; this page only shows what
// the server sends and says what the player picked.
"use strict";

(() => {
  const { el, clear, settingUrl, portraitUrl, percent, ordinal, scoreText, connect, COMPETENCIES } = Rapport;
  const STORE_KEY = "rapport-live";
  const CLOSING = new Set(["bad_code", "full", "kicked"]);
  const JOIN_ERRORS = new Set(["bad_code", "full", "kicked", "bad_name", "name_taken", "slow_down", "already_joined"]);
  const $ = (id) => document.getElementById(id);

  const state = {
    credentials: null, // {code, name, token} to send on every (re)connection
    joined: false,
    mode: "race",
    view: null, // the view on screen
    pending: null, // a view that waits until the player leaves the result
    showingResult: false,
    lastResult: null,
    vote: null,
    revealed: false,
    timer: null,
    timerSent: false,
    finished: false,
    linesOf: null, // scenario whose lines are on screen
  };

  // -- stored identity (survives a reload, a closed tab and a lock screen) -------------------
  function loadStored() {
    try {
      const data = JSON.parse(localStorage.getItem(STORE_KEY) || "null");
      if (data && typeof data.code === "string" && typeof data.name === "string") return data;
    } catch (error) {
      /* storage off or damaged: join by hand */
    }
    return null;
  }

  function saveStored(data) {
    try {
      if (data) localStorage.setItem(STORE_KEY, JSON.stringify(data));
      else localStorage.removeItem(STORE_KEY);
    } catch (error) {
      /* private mode: the player can still rejoin by name */
    }
  }

  // -- screens --------------------------------------------------------------------------------
  function show(section) {
    for (const id of ["join", "play", "result", "ended"]) $(id).hidden = id !== section;
    $("board").hidden = !(section === "result" || section === "ended") || !$("board-rows").firstChild;
  }

  function setStatus(text) {
    $("status").textContent = text;
  }

  // -- joining --------------------------------------------------------------------------------
  const params = new URLSearchParams(location.search);
  const stored = loadStored();
  const given = (params.get("join") || "").replace(/\s+/g, "");
  if (given) $("code").value = given;
  if (stored) $("name").value = stored.name;
  if (stored && stored.token && (!given || given === stored.code)) {
    state.credentials = stored;
    $("code").value = stored.code;
    setStatus(`Rejoining as ${stored.name}…`);
  }
  show("join");

  $("join-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const code = $("code").value.trim();
    const name = $("name").value.trim();
    $("join-error").textContent = "";
    if (!code || !name) {
      $("join-error").textContent = !code ? "Type the code shown on the screen." : "Type your name.";
      (!code ? $("code") : $("name")).focus();
      return;
    }
    const same = stored && stored.code === code && stored.name === name;
    state.credentials = { code, name, token: same ? stored.token : null };
    $("join-button").disabled = true;
    if (!link.send(joinMessage())) setStatus("Connecting…");
  });

  function joinMessage() {
    const { code, name, token } = state.credentials;
    return { type: "join", code, name, token: token || null };
  }

  // -- the conversation -----------------------------------------------------------------------
  function renderView(view) {
    const fresh = !state.view || state.view.seq !== view.seq || state.linesOf !== view.scenario;
    if (state.linesOf !== view.scenario) {
      clear($("lines"));
      state.linesOf = view.scenario;
    }
    state.view = view;
    state.vote = null;
    state.revealed = false;
    $("play-error").textContent = "";
    $("scenario-title").textContent = view.title;
    $("part").textContent = view.parts > 1 ? `Scenario ${view.part} of ${view.parts}` : "";
    const setting = settingUrl(view.setting);
    $("setting").hidden = !setting;
    if (setting && $("setting").getAttribute("src") !== setting) $("setting").src = setting;
    let speaker = null;
    for (const line of view.lines) if (line.portrait) speaker = line;
    const portrait = speaker ? portraitUrl(speaker.portrait, speaker.mood) : null;
    $("portrait").hidden = !portrait;
    if (portrait) $("portrait").src = portrait;
    if (fresh) {
      for (const line of view.lines) addLine(line);
      if (view.ending) {
        addLine({ speaker: "narrator", name: "", text: view.ending.text, ending: view.ending.title });
      }
    }
    renderChoices(view);
    startTimer(view);
    show("play");
    if (fresh && view.choices.length) $("choices-title").focus({ preventScroll: true });
  }

  function addLine(line) {
    const narrator = line.speaker === "narrator";
    const item = el("p", { class: narrator ? "line narrator" : "line" });
    if (line.ending) item.append(el("strong", { class: "ending-title", text: `${line.ending}. ` }));
    if (!narrator) item.append(el("span", { class: "speaker", text: `${line.name}: ` }));
    item.append(document.createTextNode(line.text));
    if (line.you) item.classList.add("you");
    $("lines").append(item);
    item.scrollIntoView({ block: "nearest" });
  }

  function renderChoices(view) {
    const list = clear($("choices"));
    const huddle = view.mode === "huddle";
    $("choices-title").textContent = view.choices.length
      ? huddle
        ? "What should we say? Vote:"
        : "What do you say?"
      : "";
    $("vote-note").textContent = "";
    view.choices.forEach((choice) => {
      const button = el(
        "button",
        {
          type: "button",
          class: "choice",
          "data-number": choice.number,
          "aria-pressed": huddle ? "false" : null,
          onclick: () => (huddle ? vote(choice) : choose(choice)),
        },
        el("span", { class: "number", "aria-hidden": "true", text: choice.number }),
        el("span", { class: "text", text: choice.text }),
      );
      list.append(el("li", {}, button));
    });
  }

  function buttons() {
    return Array.from($("choices").querySelectorAll("button.choice"));
  }

  function choose(choice) {
    const view = state.view;
    if (!view) return;
    if (!link.send({ type: "choose", seq: view.seq, number: choice.number })) {
      $("play-error").textContent = "Not connected; your choice was not sent. Reconnecting…";
      return;
    }
    stopTimer();
    for (const button of buttons()) {
      button.disabled = true;
      if (Number(button.dataset.number) === choice.number) button.classList.add("picked");
    }
    addLine({ speaker: "you", name: "You", text: choice.text, you: true });
  }

  function vote(choice) {
    const view = state.view;
    if (!view || state.revealed) return;
    if (!link.send({ type: "vote", seq: view.seq, number: choice.number })) {
      $("play-error").textContent = "Not connected; your vote was not sent. Reconnecting…";
    }
  }

  function showVote(number) {
    state.vote = number;
    for (const button of buttons()) {
      const mine = Number(button.dataset.number) === number;
      button.setAttribute("aria-pressed", mine ? "true" : "false");
      button.classList.toggle("picked", mine);
    }
    $("vote-note").textContent = `You voted for ${number}. You can change your vote until the answers are shown.`;
  }

  function showTally(tally) {
    if (!state.view || tally.seq !== state.view.seq || state.revealed) return;
    if (!state.view.choices.length) return;
    const mine = state.vote ? ` You voted for ${state.vote}.` : "";
    $("vote-note").textContent = `${tally.voters} of ${tally.players} voted.${mine}`;
    state.tally = tally;
  }

  function showReveal(reveal) {
    if (!state.view || reveal.seq !== state.view.seq) return;
    state.revealed = true;
    stopTimer();
    const counts = (state.tally && state.tally.seq === reveal.seq && state.tally.counts) || [];
    const list = clear($("choices"));
    $("choices-title").textContent = "What each answer earns";
    for (const choice of reveal.choices) {
      const votes = counts[choice.number - 1] || 0;
      const item = el(
        "li",
        { class: choice.best ? "revealed best" : "revealed" },
        el("p", { class: "choice-text" }, el("span", { class: "number", text: choice.number }), " ", choice.text),
        el(
          "p",
          { class: "earned" },
          choice.best ? el("strong", { text: "Best choice. " }) : null,
          `${scoreText(choice.scores)} · ${votes} vote${votes === 1 ? "" : "s"}`,
          state.vote === choice.number ? " · your vote" : "",
        ),
        choice.feedback ? el("p", { class: "feedback", text: choice.feedback }) : null,
      );
      list.append(item);
    }
    $("vote-note").textContent = "The host will move the room on.";
    $("choices-title").focus({ preventScroll: true });
  }

  // -- the timer (the server keeps the real one; this only shows it) -------------------------
  function startTimer(view) {
    stopTimer();
    state.timerSent = false;
    if (view.timer === null || view.timer === undefined || !view.choices.length) {
      $("timer").hidden = true;
      return;
    }
    const total = view.timer * 1000;
    const until = performance.now() + total;
    $("timer").hidden = false;
    const tick = () => {
      const left = Math.max(0, until - performance.now());
      $("timer-bar").value = Math.round((left / total) * 100);
      $("timer-text").textContent = `${Math.ceil(left / 1000)} s left to answer`;
      if (left <= 0) {
        stopTimer();
        $("timer-text").textContent = "Time is up.";
        if (!state.timerSent) {
          state.timerSent = true;
          link.send({ type: "timer", seq: view.seq });
        }
      }
    };
    tick();
    state.timer = setInterval(tick, 250);
  }

  function stopTimer() {
    if (state.timer) clearInterval(state.timer);
    state.timer = null;
  }

  // -- results and places ---------------------------------------------------------------------
  function showResult(result) {
    state.lastResult = result;
    state.showingResult = true;
    stopTimer();
    const ending = state.view && state.view.ending;
    const room = state.mode === "huddle";
    $("result-title").textContent = ending ? ending.title : "The end";
    const outcome = result.outcome[0].toUpperCase() + result.outcome.slice(1);
    $("result-outcome").textContent = `${room ? "The room's" : "Your"} ending: ${outcome}`;
    $("result-outcome").className = `outcome ${result.outcome}`;
    $("result-text").textContent = ending ? ending.text : "";
    const body = clear($("result-scores").querySelector("tbody"));
    for (const name of COMPETENCIES) {
      const value = result.percent[name];
      body.append(
        el(
          "tr",
          {},
          el("th", { scope: "row", text: name[0].toUpperCase() + name.slice(1) }),
          el("td", { text: value === null ? "not assessed" : percent(value) }),
        ),
      );
    }
    body.append(el("tr", { class: "overall" }, el("th", { scope: "row", text: "Overall" }), el("td", { text: percent(result.overall) })));
    $("result-scores").querySelector("caption").textContent = room ? "The room's scores" : "Your scores";
    $("next").hidden = true;
    $("result-wait").textContent = room ? "Waiting for the host…" : "";
    show("result");
    $("result-title").focus({ preventScroll: true });
    if (state.pending) offerNext();
  }

  function offerNext() {
    if (state.mode === "huddle") {
      const view = state.pending;
      state.pending = null;
      state.showingResult = false;
      renderView(view);
      return;
    }
    $("next").hidden = false;
    $("result-wait").textContent = "";
  }

  $("next").addEventListener("click", () => {
    const view = state.pending;
    state.pending = null;
    state.showingResult = false;
    if (view) renderView(view);
  });

  function showPlace(place) {
    let text;
    if (place.overall !== undefined) {
      text = `You are ${ordinal(place.rank)} of ${place.of} (overall ${percent(place.overall)}).`;
    } else {
      text =
        `You voted for the best answer ${place.best} time${place.best === 1 ? "" : "s"} ` +
        `out of ${place.votes}: ${ordinal(place.rank)} of ${place.of}.`;
    }
    if (place.rank > place.top) text += ` The board shows the top ${place.top}; only you see this.`;
    $("result-place").textContent = text;
    $("ended-place").textContent = text;
  }

  function showBoard(rows, huddleRows) {
    const list = clear($("board-rows"));
    for (const row of rows) {
      let value = huddleRows ? `${row.best} of ${row.votes} best` : percent(row.overall);
      if (!huddleRows && row.untimed) value += " · untimed"; // timers off in the window
      list.append(
        el(
          "li",
          { class: row.player === (state.credentials && state.credentials.name) ? "me" : null },
          el("span", { class: "rank", text: row.rank }),
          el("span", { class: "player", text: row.player }),
          el("span", { class: "value", text: value }),
        ),
      );
    }
    $("board-title").textContent = huddleRows ? "Best votes" : "Board";
    if (!$("result").hidden || !$("ended").hidden) $("board").hidden = !rows.length;
  }

  // -- messages ---------------------------------------------------------------------------------
  function onMessage(message) {
    switch (message.type) {
      case "welcome":
        state.joined = true;
        state.mode = message.mode;
        state.credentials = { code: state.credentials.code, name: message.name, token: message.token };
        saveStored(state.credentials);
        $("who").textContent = `${message.name} · ${message.session}`;
        $("join-button").disabled = false;
        setStatus("");
        break;
      case "view":
        if (state.view && message.seq === state.view.seq && !state.showingResult) {
          renderView(message); // shown again after a reconnect: same lines, same choices
        } else if (state.showingResult && (!state.view || message.seq > state.view.seq)) {
          state.pending = message;
          offerNext();
        } else if (!state.view || message.seq >= state.view.seq) {
          renderView(message);
        }
        break;
      case "result":
        showResult(message);
        break;
      case "voted":
        if (state.view && message.seq === state.view.seq) showVote(message.number);
        break;
      case "tally":
        showTally(message);
        break;
      case "reveal":
        showReveal(message);
        break;
      case "place":
        showPlace(message);
        break;
      case "board":
        if (state.mode !== "huddle") showBoard(message.rows, false);
        break;
      case "standings":
        showBoard(message.rows, true);
        break;
      case "timers":
        setStatus(message.value === "off" ? "The host switched timers off." : message.value === "slow" ? "The host slowed the timers down." : "Timers are back to normal.");
        break;
      case "ended":
        state.finished = true;
        link.stop();
        stopTimer();
        $("ended-text").textContent = message.message;
        show("ended");
        $("ended-title").focus({ preventScroll: true });
        saveStored(null);
        break;
      case "error":
        onError(message);
        break;
      default:
        break;
    }
  }

  function onError(error) {
    if (error.code === "not_yet") return; // the server's clock decides; it will move on
    if (JOIN_ERRORS.has(error.code) && !state.joined) {
      $("join-button").disabled = false;
      $("join-error").textContent = error.message;
      if (error.code === "name_taken" || error.code === "bad_name") $("name").focus();
      if (error.code === "bad_code") {
        saveStored(null);
        $("code").focus();
      }
      state.credentials = null;
      setStatus("");
      show("join");
      if (CLOSING.has(error.code)) restart();
      return;
    }
    if (CLOSING.has(error.code)) {
      link.stop();
      state.joined = false;
      state.credentials = null;
      if (error.code !== "kicked") saveStored(null);
      $("join-error").textContent = error.message;
      show("join");
      return;
    }
    $("play-error").textContent = error.message;
    for (const button of buttons()) button.disabled = false;
  }

  // -- the connection ---------------------------------------------------------------------------
  let link = null;
  function restart() {
    if (link) link.stop();
    link = connect({
      onOpen(send) {
        if (state.credentials) send(joinMessage());
      },
      onMessage,
      onStatus(status) {
        if (state.finished) return;
        if (status === "online") setStatus(state.joined ? "" : $("status").textContent);
        else if (status === "offline") setStatus("Connection lost. Reconnecting…");
      },
    });
  }
  restart();
})();
