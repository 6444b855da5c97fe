/*!
 * Assistant France 2030 — embeddable chat widget (no framework, no dependency).
 *
 * <script src="https://HOST/widget.js" data-api="https://HOST" data-site="ma-region"
 *         data-title="…" data-color="#000091" data-region="Hauts-de-France" async></script>
 *
 * Optional attributes: data-site (a key of the server's sites file: its title, colour and
 * regions then come from the server), data-programme, data-sector (comma-separated values),
 * data-suggestions ("question 1|question 2"), data-position="left", data-mode="inline" with
 * data-target="#css-selector" (and data-height in pixels), data-share-question="true".
 * Documented in docs/widget.md.
 *
 * Everything lives in a Shadow DOM (the host page's CSS cannot reach it), styled by
 * constructable stylesheets: no <style> element, no style attribute, no eval, so it runs
 * under a strict Content-Security-Policy. Text received from the server is only ever
 * inserted with textContent / text nodes, never as HTML; links are built with DOM APIs and
 * only for http(s) URLs. The API is stateless: the widget sends the previous turns with
 * each question, and keeps the conversation in sessionStorage (this tab only).
 */
(function () {
  "use strict";

  // --- answer text: parsed into blocks and inline runs ----------------------------------
  // The same rules as ui/render.py (docs/ui.md, "Answer text"), checked on
  // the cases of tests/ui/render_cases.json by both. Blocks: {type: "paragraph", lines},
  // {type: "list", items}, {type: "table", head, rows}; runs: {text}, {bold}, {cite: n} or {link: url}.

  var MARKER = "\\[([0-9]{1,3}(?:\\s*[,;]\\s*[0-9]{1,3})*)\\]";
  var BOLD = "\\*\\*([^\\s*](?:[^*\\n]*[^\\s*])?)\\*\\*";
  var URL_RE = "https?://[^\\s<>()\\[\\]«»\"]*[^\\s<>()\\[\\]«»\".,;:!?]";
  var BULLET = /^\s*[-•*]\s+/;
  var TABLE_ROW = /^\s*\|[^\n]*\|\s*$/;
  var TABLE_RULE = /^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$/;

  function citationRuns(text, known, kind) {
    var runs = [];
    var re = new RegExp(MARKER, "g");
    var last = 0;
    var m;
    while ((m = re.exec(text))) {
      var numbers = m[1].split(/\s*[,;]\s*/).map(Number);
      if (!numbers.every(function (n) { return known.indexOf(n) >= 0; })) continue;
      if (m.index > last) runs = runs.concat(linkRuns(text.slice(last, m.index), kind));
      numbers.forEach(function (n) { runs.push({ cite: n }); });
      last = m.index + m[0].length;
    }
    if (last < text.length) runs = runs.concat(linkRuns(text.slice(last), kind));
    return runs;
  }

  // Web addresses in the text as {link: url} runs (assistant/text/patterns.py WEB_URL_IN_TEXT).
  function linkRuns(text, kind) {
    var runs = [];
    var re = new RegExp(URL_RE, "g");
    var last = 0;
    var m;
    while ((m = re.exec(text))) {
      if (m.index > last) runs.push(run(kind, text.slice(last, m.index)));
      runs.push({ link: m[0] });
      last = m.index + m[0].length;
    }
    if (last < text.length) runs.push(run(kind, text.slice(last)));
    return runs;
  }

  function run(kind, value) {
    var r = {};
    r[kind] = value;
    return r;
  }

  function parseInline(text, known) {
    var runs = [];
    var re = new RegExp(BOLD, "g");
    var last = 0;
    var m;
    while ((m = re.exec(text))) {
      runs = runs.concat(citationRuns(text.slice(last, m.index), known, "text"));
      runs = runs.concat(citationRuns(m[1], known, "bold"));
      last = m.index + m[0].length;
    }
    runs = runs.concat(citationRuns(text.slice(last), known, "text"));
    var merged = [];
    runs.forEach(function (r) {
      var kind = Object.keys(r)[0];
      var prev = merged[merged.length - 1];
      if (kind !== "cite" && kind !== "link" && prev && kind in prev) prev[kind] += r[kind];
      else merged.push(r);
    });
    return merged;
  }

  function cells(line) {
    return line.trim().slice(1, -1).split("|").map(function (c) { return c.trim(); });
  }

  function parseTable(lines, known) {
    if (lines.length < 2 || !TABLE_RULE.test(lines[1])) return null;
    var head = cells(lines[0]);
    var rows = lines.slice(2).filter(function (l) { return !TABLE_RULE.test(l); }).map(cells);
    var width = Math.max.apply(null, [head].concat(rows).map(function (r) { return r.length; }));
    function pad(row) {
      var out = row.slice();
      while (out.length < width) out.push("");
      return out.map(function (c) { return parseInline(c, known); });
    }
    return { type: "table", head: pad(head), rows: rows.map(pad) };
  }

  function lineKind(line) {
    if (!line.trim()) return "blank";
    if (BULLET.test(line)) return "list";
    if (TABLE_ROW.test(line)) return "table";
    return "paragraph";
  }

  function parseAnswer(text, known) {
    known = (known || []).map(Number);
    var groups = [];
    var previous = "blank";
    String(text).replace(/\r\n?/g, "\n").split("\n").forEach(function (line) {
      var kind = lineKind(line);
      var same = kind === previous || (kind === "list" && previous === "blank");
      if (kind !== "blank") {
        var lastGroup = groups[groups.length - 1];
        if (lastGroup && lastGroup.kind === kind && same) lastGroup.lines.push(line);
        else groups.push({ kind: kind, lines: [line] });
      }
      previous = kind;
    });
    return groups.map(function (g) {
      if (g.kind === "list") {
        return {
          type: "list",
          items: g.lines.map(function (l) { return parseInline(l.replace(BULLET, "").trim(), known); }),
        };
      }
      var table = g.kind === "table" ? parseTable(g.lines, known) : null;
      return table || {
        type: "paragraph",
        lines: g.lines.map(function (l) { return parseInline(l.trim(), known); }),
      };
    });
  }

  var script = document.currentScript; // only defined while this file first runs
  if (!script || window.__france2030Assistant) return;
  // The text renderer, also run on the shared test cases by tests/ui/test_render_browser.py.
  window.__france2030Assistant = { parseAnswer: parseAnswer, renderBlocks: renderBlocks };

  var ds = script.dataset;
  var MAX_CHARS = 2000; // the API's default max_question_chars
  var MAX_HISTORY = 12; // messages (6 exchanges) sent back to the stateless API
  var MAX_TURN_CHARS = 1500; // previous answers are trimmed to keep requests small
  var MAX_STORED_TURNS = 10; // exchanges kept in sessionStorage
  var MAX_STORED_CHARS = 60000; // and at most this much JSON
  var MAX_COMMENT = 500;
  var TIMEOUT_MS = 90000;

  var T = {
    launcher: "Poser une question",
    subtitle: "France 2030 — réponses avec leurs sources",
    close: "Fermer l'assistant",
    reset: "Nouvelle conversation",
    welcome:
      "Bonjour ! Je réponds à vos questions sur les formations soutenues par France 2030 " +
      "(AMI « Compétences et métiers d'avenir ») à partir de documents publics, en citant mes sources.",
    scope: "Réponses limitées à : ",
    suggestions: "Exemples de questions",
    label: "Votre question",
    placeholder: "Écrivez votre question…",
    hint: "Entrée pour envoyer, Maj + Entrée pour aller à la ligne.",
    send: "Envoyer",
    you: "Vous : ",
    bot: "Assistant : ",
    searching: "Recherche dans les documents…",
    answered: "Réponse de l'assistant : ",
    sources: "Sources",
    newWindow: " (nouvelle fenêtre)",
    updated: "à jour au ",
    table: "Tableau comparatif",
    empty: "Merci de saisir une question.",
    busy: "Une réponse est en cours : merci de patienter.",
    network:
      "Impossible de joindre l'assistant pour le moment. Vérifiez votre connexion ou réessayez plus tard.",
    failed: "L'assistant n'a pas pu répondre. Merci de réessayer dans un instant.",
    cut: "La réponse a été interrompue. Merci de réessayer.",
    timeout: "L'assistant met trop de temps à répondre. Merci de réessayer.",
    legal:
      "Réponses automatiques fondées sur des documents publics : vérifiez les informations auprès des sources citées.",
    fbQuestion: "Cette réponse vous a-t-elle été utile ?",
    fbUp: "Oui, réponse utile",
    fbDown: "Non, réponse pas utile",
    fbWhy: "Qu'est-ce qui n'allait pas ?",
    fbComment: "Commentaire (facultatif, " + MAX_COMMENT + " caractères au plus)",
    fbSend: "Envoyer mon avis",
    fbCancel: "Annuler",
    fbPick: "Choisissez une raison.",
    fbThanks: "Merci pour votre avis.",
    fbFailed: "Votre avis n'a pas pu être envoyé.",
    fbRetry: "Réessayer",
  };
  var REASONS = [
    ["chiffre_faux", "Chiffre faux"],
    ["information_perimee", "Information périmée"],
    ["incomplet", "Incomplet"],
    ["hors_sujet", "Hors sujet"],
    ["autre", "Autre"],
  ];

  function list(value) {
    return (value || "")
      .split(",")
      .map(function (s) {
        return s.trim();
      })
      .filter(Boolean);
  }

  function httpUrl(value, base) {
    try {
      var url = new URL(value, base);
      return url.protocol === "http:" || url.protocol === "https:" ? url : null;
    } catch (e) {
      return null;
    }
  }

  function hexColor(value) {
    return /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(value || "") ? value : null;
  }

  var apiUrl = httpUrl(ds.api || script.src, location.href);
  if (!apiUrl) return;
  var api = ds.api ? apiUrl.href.replace(/\/+$/, "") : apiUrl.origin;
  var site = /^[a-z0-9][a-z0-9_-]{0,39}$/.test(ds.site || "") ? ds.site : null;
  var filters = {
    regions: list(ds.region),
    sectors: list(ds.sector),
    programmes: list(ds.programme),
  };
  var title = (ds.title || "Assistant France 2030").slice(0, 80);
  var color = hexColor(ds.color) || "#000091";
  var scopeLabel = filters.regions.concat(filters.programmes, filters.sectors).join(", ");
  var inline = ds.mode === "inline";
  var height = Math.min(2000, Math.max(280, parseInt(ds.height, 10) || 640));
  var shareQuestion = ds.shareQuestion === "true";
  var suggestions = ds.suggestions
    ? ds.suggestions.split("|").map(function (s) { return s.trim(); }).filter(Boolean).slice(0, 4)
    : ["Qu'est-ce que l'AMI « Compétences et métiers d'avenir » ?", "Quels projets forment aux métiers des batteries ?"];
  var STORE_KEY = "france2030-assistant:" + api + (site ? "#" + site : "");

  // Text colour with the better contrast on the chosen colour (WCAG relative luminance).
  function foreground(hex) {
    var h = hex.slice(1);
    if (h.length === 3) h = h.replace(/./g, "$&$&");
    var lum = [0, 2, 4]
      .map(function (i) {
        var c = parseInt(h.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
      })
      .reduce(function (acc, c, i) {
        return acc + c * [0.2126, 0.7152, 0.0722][i];
      }, 0);
    return (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) ? "#161616" : "#ffffff";
  }

  var CSS =
    ":host{all:initial}" +
    "*{box-sizing:border-box}" +
    ".root{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#161616}" +
    ".sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}" +
    "button{font:inherit;cursor:pointer}" +
    ":focus-visible{outline:3px solid #161616;outline-offset:2px;box-shadow:0 0 0 5px #fff}" +
    ".launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;display:flex;align-items:center;gap:.5em;padding:.75em 1.15em;border:2px solid transparent;border-radius:999px;background:var(--c);color:var(--fg);font-weight:700;box-shadow:0 4px 16px rgba(0,0,0,.3)}" +
    ".left .launcher,.left .panel{right:auto;left:20px}" +
    "svg{width:1.4em;height:1.4em;flex:none;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}" +
    ".panel{display:flex;flex-direction:column;background:#fff;border-radius:12px;overflow:hidden}" +
    ".float .panel{position:fixed;bottom:20px;right:20px;z-index:2147483001;width:min(410px,calc(100vw - 40px));height:min(660px,calc(100vh - 40px));box-shadow:0 10px 40px rgba(0,0,0,.35)}" +
    ".inline .panel{position:relative;width:100%;max-height:100vh;border:1px solid #d5d5d5}" +
    ".panel[hidden]{display:none}" +
    ".head{display:flex;align-items:flex-start;gap:.5em;padding:.8em .8em .8em 1em;background:var(--c);color:var(--fg)}" +
    ".head div{flex:1;min-width:0}" +
    "h2{margin:0;font-size:1.1em;line-height:1.3}" +
    ".head p{margin:.15em 0 0;font-size:.8em}" +
    ".icon{display:flex;align-items:center;justify-content:center;min-width:44px;min-height:44px;padding:0 .4em;border:2px solid transparent;border-radius:8px;background:transparent;color:inherit;font-size:.8em;gap:.3em}" +
    ".icon:hover{background:rgba(127,127,127,.25)}" +
    ".msgs{position:relative;flex:1;overflow-y:auto;padding:1em;background:#f4f4f6;overscroll-behavior:contain}" +
    ".msg{max-width:92%;margin:0 0 .8em;padding:.6em .85em;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere}" +
    ".msg p{margin:0}" +
    ".bot .text{white-space:normal}" +
    ".text p,.text ul,.text .tbl{margin:0 0 .5em}" +
    ".text>:last-child{margin-bottom:0}" +
    ".text ul{padding-left:1.3em}" +
    ".text li{margin:.2em 0}" +
    "a.cite{padding:0 1px;text-decoration:underline}" +
    "li[tabindex]:focus{outline:3px solid var(--c);outline-offset:2px;border-radius:2px}" +
    ".user{margin-left:auto;background:var(--c);color:var(--fg);border-bottom-right-radius:3px}" +
    ".bot{background:#fff;border:1px solid #d5d5d5;border-bottom-left-radius:3px}" +
    ".error{border-color:#ce0500;background:#fff2f2;color:#b00400}" +
    ".bot[data-state=streaming] .text:empty::before{content:'" + T.searching + "';color:#555;font-style:italic}" +
    ".bot[data-state=streaming] .text:not(:empty)::after{content:'▍';color:#777}" +
    ".chips{display:flex;flex-wrap:wrap;gap:.4em;margin:.2em 0 .8em;padding:0;list-style:none}" +
    ".chip{padding:.4em .75em;border:1px solid var(--c);border-radius:999px;background:#fff;color:#161616;font-size:.85em;text-align:left}" +
    ".chip:hover{background:#eef}" +
    "h3{margin:.7em 0 .3em;font-size:.85em;text-transform:uppercase;letter-spacing:.03em;color:#3a3a3a}" +
    "ol{margin:0;padding-left:1.3em;white-space:normal;font-size:.88em}" +
    "li{margin:.3em 0}" +
    "a{color:#0a4bb5;font-weight:600;text-underline-offset:2px}" +
    "q{display:block;margin-top:.15em;color:#3a3a3a;font-style:italic;quotes:'«\\a0' '\\a0»'}" +
    ".date{color:#555;font-size:.92em}" +
    ".notice{margin-top:.5em!important;font-size:.85em;color:#555}" +
    ".tbl{overflow-x:auto;margin-top:.5em;white-space:normal}" +
    "table{border-collapse:collapse;font-size:.82em}" +
    "th,td{border:1px solid #ccc;padding:.25em .45em;text-align:left;vertical-align:top}" +
    ".fb{margin-top:.6em;padding-top:.5em;border-top:1px solid #e5e5e5;white-space:normal;font-size:.85em}" +
    ".fb-row{display:flex;align-items:center;gap:.4em}" +
    ".fb-row span{flex:1;min-width:0;color:#3a3a3a}" +
    ".fb-btn{display:flex;align-items:center;justify-content:center;min-width:44px;min-height:44px;border:1px solid #929292;border-radius:8px;background:#fff;color:#3a3a3a}" +
    ".fb-btn svg{width:1.3em;height:1.3em}" +
    ".fb-btn:hover{background:#eef}" +
    ".fb-btn[aria-pressed=true]{border:2px solid var(--c);background:var(--c);color:var(--fg)}" +
    ".fb fieldset{margin:.5em 0 0;padding:.4em .6em;border:1px solid #d5d5d5;border-radius:8px}" +
    ".fb legend{padding:0 .2em;font-weight:700}" +
    ".fb-reason{display:flex;align-items:center;gap:.4em;min-height:32px;margin:0;font-weight:400;font-size:1em}" +
    ".fb-reason input{width:1.15em;height:1.15em;margin:0}" +
    ".fb textarea{display:block;width:100%;min-height:3.5em;max-height:none;margin-top:.2em;font-size:16px}" +
    ".fb label.fb-c{margin:.5em 0 0;font-weight:400}" +
    ".fb-actions{display:flex;gap:.5em;margin-top:.5em}" +
    ".fb-actions button,.fb-retry{min-height:44px;padding:0 .9em;border:2px solid var(--c);border-radius:8px;background:#fff;color:#161616;font-weight:700}" +
    ".fb-actions button[type=submit]{background:var(--c);color:var(--fg)}" +
    ".fb-status{margin:.4em 0 0!important}" +
    ".fb-status:empty{display:none}" +
    ".fb-status.failed{color:#b00400;font-weight:700}" +
    ".fb-retry{margin-top:.3em}" +
    "form.ask{padding:.6em .8em .5em;border-top:1px solid #d5d5d5;background:#fff}" +
    "label{display:block;margin-bottom:.25em;font-size:.85em;font-weight:700}" +
    ".row{display:flex;gap:.5em;align-items:flex-end}" +
    "textarea{flex:1;min-width:0;min-height:2.75em;max-height:9em;resize:none;padding:.55em .65em;border:1px solid #666;border-radius:8px;font:inherit;font-size:16px;color:#161616;background:#fff}" +
    ".send{min-height:2.75em;padding:0 1em;border:2px solid transparent;border-radius:8px;background:var(--c);color:var(--fg);font-weight:700}" +
    ".send[aria-disabled=true]{opacity:.55;cursor:progress}" +
    ".legal{margin:.4em 0 0;font-size:.72em;color:#555}" +
    "@media (max-width:640px){.float .panel,.float.left .panel{inset:0;width:100%;height:100%;border-radius:0}.open .launcher{display:none}}" +
    "@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}";

  // The colours and sizes chosen at run time, as a stylesheet of their own (values checked:
  // a #hex colour, a number of pixels).
  function themeCss() {
    return ".root{--c:" + color + ";--fg:" + foreground(color) + "}.inline .panel{height:" + height + "px}";
  }
  // --- DOM helpers (text nodes and attributes only, never HTML strings) ----------------

  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") el.textContent = attrs[k];
      else el.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c != null) el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return el;
  }

  function icon(d) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", d);
    svg.appendChild(path);
    return svg;
  }

  function renderRuns(parent, runs, prefix) {
    runs.forEach(function (r) {
      if ("cite" in r) {
        parent.appendChild(h("a", {
          class: "cite",
          href: "#" + prefix + r.cite,
          "data-cite": String(r.cite),
          "aria-label": "Source " + r.cite,
          title: "Voir la source " + r.cite,
          text: "[" + r.cite + "]",
        }));
      } else if ("link" in r) {
        var url = httpUrl(r.link);
        parent.appendChild(url ? h("a", {
          href: url.href, target: "_blank", rel: "noopener noreferrer", title: r.link,
          text: url.host,
        }) : document.createTextNode(r.link));
      } else if ("bold" in r) {
        parent.appendChild(h("strong", { text: r.bold }));
      } else {
        parent.appendChild(document.createTextNode(r.text));
      }
    });
    return parent;
  }

  // Blocks as DOM nodes; citation links point at "#" + prefix + n (the source items' ids).
  function renderBlocks(blocks, prefix) {
    var out = document.createDocumentFragment();
    blocks.forEach(function (b) {
      if (b.type === "list") {
        out.appendChild(h("ul", {}, b.items.map(function (item) { return renderRuns(h("li"), item, prefix); })));
      } else if (b.type === "table") {
        var head = h("tr", {}, b.head.map(function (c) { return renderRuns(h("th", { scope: "col" }), c, prefix); }));
        var rows = b.rows.map(function (row) {
          return h("tr", {}, row.map(function (c) { return renderRuns(h("td"), c, prefix); }));
        });
        out.appendChild(h("div", { class: "tbl" }, [h("table", {}, [h("thead", {}, [head]), h("tbody", {}, rows)])]));
      } else {
        var p = h("p");
        b.lines.forEach(function (line, i) {
          if (i) p.appendChild(h("br"));
          renderRuns(p, line, prefix);
        });
        out.appendChild(p);
      }
    });
    return out;
  }


  // --- styles: constructable stylesheets (no <style>, no style attribute: strict-CSP safe) --

  var ADOPT = "adoptedStyleSheets" in Document.prototype && "replaceSync" in CSSStyleSheet.prototype;

  // One stylesheet of the shadow root, replaceable; a <style> element only in browsers too old
  // for constructable stylesheets (those do not get the strict-CSP guarantee).
  function sheet(shadow, text) {
    if (ADOPT) {
      var s = new CSSStyleSheet();
      s.replaceSync(text);
      shadow.adoptedStyleSheets = shadow.adoptedStyleSheets.concat([s]);
      return function (next) { s.replaceSync(next); };
    }
    var el = document.createElement("style");
    el.textContent = text;
    shadow.appendChild(el);
    return function (next) { el.textContent = next; };
  }

  // --- the conversation in sessionStorage (this tab only; bounded; bad data ignored) --------

  function forget() {
    try {
      window.sessionStorage.removeItem(STORE_KEY);
    } catch (e) {
      /* storage disabled: nothing to forget */
    }
  }

  function validTurn(t) {
    return !!t && typeof t.q === "string" && !!t.a && typeof t.a === "object" &&
      typeof t.a.answer === "string" && (t.a.citations == null || Array.isArray(t.a.citations));
  }

  function loadState() {
    try {
      var raw = window.sessionStorage.getItem(STORE_KEY);
      if (!raw) return null;
      var data = JSON.parse(raw);
      if (!data || data.v !== 1 || !Array.isArray(data.turns)) throw new Error("bad state");
      return { open: data.open === true, turns: data.turns.filter(validTurn).slice(-MAX_STORED_TURNS) };
    } catch (e) {
      forget(); // unreadable (edited, truncated, another version): start afresh
      return null;
    }
  }

  function saveState(state) {
    try {
      var turns = state.turns.slice(-MAX_STORED_TURNS);
      var raw = JSON.stringify({ v: 1, open: state.open, turns: turns });
      while (raw.length > MAX_STORED_CHARS && turns.length > 1) {
        turns = turns.slice(1);
        raw = JSON.stringify({ v: 1, open: state.open, turns: turns });
      }
      if (raw.length > MAX_STORED_CHARS) return forget();
      window.sessionStorage.setItem(STORE_KEY, raw);
    } catch (e) {
      /* storage full or disabled: the conversation just does not survive a page change */
    }
  }

  // What is kept of a final answer (the fields the widget draws; quotes shortened).
  function compact(final) {
    var citations = Array.isArray(final.citations) ? final.citations : [];
    return {
      answer: String(final.answer || ""),
      answerable: !!final.answerable,
      answer_id: typeof final.answer_id === "string" ? final.answer_id : null,
      notice: final.notice ? String(final.notice) : null,
      table: Array.isArray(final.table) ? final.table.slice(0, 30) : null,
      citations: citations.slice(0, 12).map(function (c) {
        c = c || {};
        return {
          n: c.n, id: c.id, title: c.title, url: c.url, updated: c.updated,
          quote: c.quote ? String(c.quote).slice(0, 300) : "",
        };
      }),
    };
  }

  // --- events for the host page's analytics (never the question text unless opted in) -----

  function emit(name, detail) {
    detail.site = site;
    var target = script.isConnected ? script : document;
    target.dispatchEvent(new CustomEvent("france2030:" + name, { bubbles: true, detail: detail }));
  }

  // --- the site's settings, held by the server (GET /v1/sites/{key}) ----------------------

  function loadSite() {
    if (!site) return Promise.resolve(null);
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, 5000);
    return fetch(api + "/v1/sites/" + encodeURIComponent(site), {
      mode: "cors",
      credentials: "omit",
      headers: { Accept: "application/json" },
      signal: controller.signal,
    })
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; })
      .then(function (found) {
        clearTimeout(timer);
        if (!found || typeof found !== "object") {
          console.warn("France 2030 assistant: site " + site + " unknown to " + api + "; using the data- attributes.");
          return;
        }
        if (typeof found.title === "string" && found.title) title = found.title.slice(0, 80);
        color = hexColor(found.color) || color;
        if (typeof found.region_label === "string" && found.region_label) scopeLabel = found.region_label;
      });
  }

  // --- the widget --------------------------------------------------------------------------

  var THUMB_UP = "M7 10v12M15 5.9 14 10h5.8a2 2 0 0 1 2 2.3l-1.4 8a2 2 0 0 1-2 1.7H7V10l4.3-7.4A2.5 2.5 0 0 1 15 5.9z";
  var THUMB_DOWN = "M17 14V2M9 18.1 10 14H4.2a2 2 0 0 1-2-2.3l1.4-8A2 2 0 0 1 5.6 2H17v12l-4.3 7.4A2.5 2.5 0 0 1 9 18.1z";

  function start() {
    var container = null;
    if (inline) {
      try {
        container = document.querySelector(ds.target || "");
      } catch (e) {
        container = null;
      }
      if (!container) {
        console.warn("France 2030 assistant: data-target " + ds.target + " not found; showing the floating launcher.");
        inline = false;
      }
    }
    var host = document.createElement("france2030-assistant");
    var shadow = host.attachShadow({ mode: "open" });
    sheet(shadow, CSS);
    sheet(shadow, themeCss());
    var setInputCss = sheet(shadow, "");

    var root = h("div", { class: "root " + (inline ? "inline" : "float") + (ds.position === "left" ? " left" : "") });

    var launcher = inline ? null : h("button", {
      type: "button",
      class: "launcher",
      "aria-haspopup": "dialog",
      "aria-expanded": "false",
      "aria-controls": "f2030-panel",
    }, [icon("M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"), T.launcher]);

    var closeBtn = inline ? null : h("button", { type: "button", class: "icon", title: T.close }, [
      icon("M6 6l12 12M18 6 6 18"),
      h("span", { class: "sr", text: T.close }),
    ]);
    var resetBtn = h("button", { type: "button", class: "icon", title: T.reset }, [
      icon("M3 12a9 9 0 1 0 3-6.7M3 4v5h5"),
      h("span", { class: "sr", text: T.reset }),
    ]);
    var msgs = h("div", { class: "msgs", role: "region", "aria-label": "Conversation", tabindex: "-1" });
    var live = h("div", { class: "sr", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    var input = h("textarea", {
      id: "f2030-q",
      rows: "1",
      maxlength: String(MAX_CHARS),
      placeholder: T.placeholder,
      "aria-describedby": "f2030-hint",
      autocomplete: "off",
    });
    var sendBtn = h("button", { type: "submit", class: "send", text: T.send });
    var form = h("form", { class: "ask", novalidate: "" }, [
      h("label", { for: "f2030-q", text: T.label }),
      h("div", { class: "row" }, [input, sendBtn]),
      h("p", { id: "f2030-hint", class: "sr", text: T.hint }),
      h("p", { class: "legal", text: T.legal }),
    ]);
    var panelAttrs = inline
      ? { id: "f2030-panel", class: "panel", role: "region", "aria-labelledby": "f2030-title" }
      : { id: "f2030-panel", class: "panel", role: "dialog", "aria-modal": "true", "aria-labelledby": "f2030-title", hidden: "" };
    var panel = h("div", panelAttrs, [
      h("div", { class: "head" }, [
        h("div", {}, [h("h2", { id: "f2030-title", text: title }), h("p", { text: T.subtitle })]),
        resetBtn,
        closeBtn,
      ]),
      msgs,
      live,
      form,
    ]);
    if (launcher) root.appendChild(launcher);
    root.appendChild(panel);
    shadow.appendChild(root);
    (container || document.body).appendChild(host);

    var state = { open: false, turns: [] }; // what sessionStorage keeps
    var pending = null; // AbortController of the answer being streamed
    var answers = 0; // numbers each answer's element ids

    function history() {
      var out = [];
      state.turns.forEach(function (t) {
        out.push({ role: "user", content: t.q.slice(0, MAX_CHARS) });
        out.push({ role: "assistant", content: t.a.answer.slice(0, MAX_TURN_CHARS) });
      });
      return out.slice(-MAX_HISTORY);
    }

    // A citation [n] leads to its source in the same answer (fragment links cannot reach
    // into a shadow root): scroll it into view and move the focus there.
    msgs.addEventListener("click", function (e) {
      var link = e.target.closest ? e.target.closest("a.cite") : null;
      if (!link) return;
      e.preventDefault();
      var target = shadow.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      target.scrollIntoView({ block: "nearest" });
      target.focus({ preventScroll: true });
    });

    function announce(text) {
      live.textContent = "";
      setTimeout(function () {
        live.textContent = text;
      }, 50);
    }

    function nearBottom() {
      return msgs.scrollHeight - msgs.scrollTop - msgs.clientHeight < 80;
    }

    function scrollDown() {
      msgs.scrollTop = msgs.scrollHeight;
    }

    function welcome() {
      msgs.textContent = "";
      var box = h("div", { class: "msg bot" }, [
        h("p", { text: T.welcome }),
        scopeLabel ? h("p", { class: "notice", text: T.scope + scopeLabel + "." }) : null,
      ]);
      msgs.appendChild(box);
      var chips = h("ul", { class: "chips", "aria-label": T.suggestions });
      suggestions.forEach(function (q) {
        var chip = h("button", { type: "button", class: "chip", text: q });
        chip.addEventListener("click", function () {
          input.value = q;
          ask();
        });
        chips.appendChild(h("li", {}, [chip]));
      });
      msgs.appendChild(chips);
    }

    // --- open / close, focus management (floating mode) ----------------------------------

    function open(focus) {
      panel.hidden = false;
      root.classList.add("open");
      launcher.setAttribute("aria-expanded", "true");
      if (focus !== false) input.focus();
      if (!state.open) {
        state.open = true;
        saveState(state);
        emit("open", {});
      }
    }

    function close() {
      panel.hidden = true;
      root.classList.remove("open");
      launcher.setAttribute("aria-expanded", "false");
      launcher.focus();
      state.open = false;
      saveState(state);
      emit("close", {});
    }

    function focusables() {
      return Array.prototype.filter.call(
        panel.querySelectorAll("a[href],button,textarea,input,[tabindex]:not([tabindex='-1'])"),
        function (el) {
          return !el.disabled && el.getClientRects().length > 0;
        }
      );
    }

    if (!inline) {
      launcher.addEventListener("click", function () {
        if (panel.hidden) open();
        else close();
      });
      closeBtn.addEventListener("click", close);
      panel.addEventListener("keydown", function (e) {
        if (e.key === "Escape") {
          e.preventDefault();
          close();
        } else if (e.key === "Tab") {
          var items = focusables();
          if (!items.length) return;
          var first = items[0];
          var last = items[items.length - 1];
          var active = shadow.activeElement;
          if (e.shiftKey && (active === first || !panel.contains(active))) {
            e.preventDefault();
            last.focus();
          } else if (!e.shiftKey && (active === last || !panel.contains(active))) {
            e.preventDefault();
            first.focus();
          }
        }
      });
    }
    resetBtn.addEventListener("click", function () {
      if (pending) pending.abort();
      pending = null;
      state.turns = [];
      saveState(state);
      sendBtn.removeAttribute("aria-disabled");
      welcome();
      announce(T.reset);
      emit("reset", {});
      input.focus();
    });

    function fitInput(px) {
      setInputCss(px ? "textarea#f2030-q{height:" + px + "px}" : "");
    }
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        ask();
      }
    });
    input.addEventListener("input", function () {
      fitInput(0);
      fitInput(Math.min(input.scrollHeight + 2, 144));
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      ask();
    });

    // --- rendering an answer -------------------------------------------------------------

    function renderSources(box, citations, prefix) {
      if (!citations.length) return;
      var ol = h("ol");
      citations.forEach(function (c) {
        var label = (c.n != null ? "[" + c.n + "] " : "") + String(c.title || c.id || "Source");
        var url = c.url ? httpUrl(String(c.url)) : null;
        var head = url
          ? h("a", { href: url.href, target: "_blank", rel: "noopener noreferrer", class: "source" }, [
              label,
              h("span", { class: "sr", text: T.newWindow }),
            ])
          : h("span", { text: label });
        var item = h("li", c.n != null ? { id: prefix + c.n, tabindex: "-1" } : {}, [head]);
        if (c.updated) {
          var day = String(c.updated).replace(/^(\d{4})-(\d{2})-(\d{2})$/, "$3/$2/$1");
          item.appendChild(h("span", { class: "date", text: " (" + T.updated + day + ")" }));
        }
        if (c.quote) {
          var quote = String(c.quote);
          item.appendChild(h("q", { text: quote.length > 280 ? quote.slice(0, 277) + "…" : quote }));
        }
        ol.appendChild(item);
      });
      box.appendChild(h("h3", { text: T.sources }));
      box.appendChild(ol);
    }

    // Answer.table (a list of rows): cells go through the inline renderer, for their [n].
    function renderTable(box, rows, numbers, prefix) {
      if (!Array.isArray(rows) || !rows.length || !rows[0] || typeof rows[0] !== "object") return;
      var keys = Object.keys(rows[0]);
      var head = h("tr", {}, keys.map(function (k) { return h("th", { scope: "col", text: k }); }));
      var body = rows.map(function (r) {
        return h("tr", {}, keys.map(function (k) {
          var cell = r && r[k] != null ? String(r[k]) : "";
          return renderRuns(h("td"), parseInline(cell, numbers), prefix);
        }));
      });
      var table = h("table", {}, [h("caption", { class: "sr", text: T.table }), h("thead", {}, [head]), h("tbody", {}, body)]);
      box.appendChild(h("div", { class: "tbl", tabindex: "0", role: "region", "aria-label": T.table }, [table]));
    }

    // 👍 / 👎 under an answer; 👎 asks for a reason and an optional comment. Sent to
    // POST /v1/feedback; a failure says so and keeps what was chosen, for a retry.
    function renderFeedback(box, turn, id) {
      var answerId = turn.a.answer_id;
      if (!answerId) return;
      var up = h("button", { type: "button", class: "fb-btn", "aria-pressed": "false", "aria-label": T.fbUp, title: T.fbUp }, [icon(THUMB_UP)]);
      var down = h("button", { type: "button", class: "fb-btn", "aria-pressed": "false", "aria-label": T.fbDown, title: T.fbDown }, [icon(THUMB_DOWN)]);
      var status = h("p", { class: "fb-status" });
      var retry = h("button", { type: "button", class: "fb-retry", text: T.fbRetry, hidden: "" });
      var reasons = REASONS.map(function (r) {
        return h("label", { class: "fb-reason" }, [h("input", { type: "radio", name: id + "reason", value: r[0] }), r[1]]);
      });
      var comment = h("textarea", { id: id + "comment", class: "fb-comment", rows: "2", maxlength: String(MAX_COMMENT) });
      var why = h("form", { class: "fb-form", novalidate: "", hidden: "" }, [
        h("fieldset", {}, [h("legend", { text: T.fbWhy })].concat(reasons)),
        h("label", { class: "fb-c", for: id + "comment", text: T.fbComment }),
        comment,
        h("div", { class: "fb-actions" }, [
          h("button", { type: "submit", text: T.fbSend }),
          h("button", { type: "button", class: "fb-cancel", text: T.fbCancel }),
        ]),
      ]);
      var question = h("span", { id: id + "fbq", text: T.fbQuestion });
      var group = h("div", { class: "fb-row", role: "group", "aria-labelledby": id + "fbq" }, [question, up, down]);
      box.appendChild(h("div", { class: "fb" }, [group, why, status, retry]));
      var last = null; // the payload of the last attempt
      var sending = false;

      function press(rating) {
        up.setAttribute("aria-pressed", rating === 1 ? "true" : "false");
        down.setAttribute("aria-pressed", rating === -1 ? "true" : "false");
      }
      function say(text, failed) {
        status.textContent = text;
        status.classList.toggle("failed", !!failed);
        retry.hidden = !failed;
        if (text) announce(text);
      }

      async function send(payload) {
        if (sending) return;
        sending = true;
        last = payload;
        var ok = false;
        var controller = new AbortController();
        var timer = setTimeout(function () { controller.abort(); }, 15000);
        try {
          var response = await fetch(api + "/v1/feedback", {
            method: "POST",
            mode: "cors",
            credentials: "omit",
            headers: { "Content-Type": "application/json", Accept: "application/json" },
            body: JSON.stringify(payload),
            signal: controller.signal,
          });
          ok = response.ok;
        } catch (e) {
          ok = false;
        } finally {
          clearTimeout(timer);
          sending = false;
        }
        emit("feedback", { answer_id: payload.answer_id, rating: payload.rating, reason: payload.reason || null, sent: ok });
        if (!ok) return say(T.fbFailed, true);
        why.hidden = true;
        turn.rating = payload.rating;
        saveState(state);
        say(T.fbThanks, false);
      }

      if (turn.rating === 1 || turn.rating === -1) press(turn.rating);
      up.addEventListener("click", function () {
        press(1);
        why.hidden = true;
        send({ answer_id: answerId, rating: 1 });
      });
      down.addEventListener("click", function () {
        press(-1);
        say("", false);
        why.hidden = false;
        why.querySelector("input").focus();
      });
      why.addEventListener("change", function () {
        if (status.textContent === T.fbPick) say("", false);
      });
      why.querySelector(".fb-cancel").addEventListener("click", function () {
        why.hidden = true;
        press(turn.rating || 0);
        say("", false);
        down.focus();
      });
      why.addEventListener("submit", function (e) {
        e.preventDefault();
        var picked = why.querySelector("input:checked");
        if (!picked) {
          say(T.fbPick, true);
          retry.hidden = true;
          return why.querySelector("input").focus();
        }
        var payload = { answer_id: answerId, rating: -1, reason: picked.value };
        var text = comment.value.trim().slice(0, MAX_COMMENT);
        if (text) payload.comment = text;
        send(payload);
      });
      retry.addEventListener("click", function () {
        if (last) send(last);
      });
    }

    // A finished answer: text, table, notice, sources, feedback.
    function showAnswer(box, para, turn, n) {
      var a = turn.a;
      var prefix = "f2030-a" + n + "-src-";
      var citations = Array.isArray(a.citations) ? a.citations.filter(Boolean) : [];
      var numbers = citations.map(function (c) { return Number(c.n); });
      para.replaceChildren(renderBlocks(parseAnswer(a.answer, numbers), prefix));
      renderTable(box, a.table, numbers, prefix);
      if (a.notice) box.appendChild(h("p", { class: "notice", text: String(a.notice) }));
      renderSources(box, citations, prefix);
      renderFeedback(box, turn, "f2030-a" + n + "-");
      box.setAttribute("data-state", "done");
      box.setAttribute("data-answerable", a.answerable ? "true" : "false");
      return citations.length;
    }

    function addQuestion(question) {
      msgs.appendChild(h("div", { class: "msg user" }, [h("span", { class: "sr", text: T.you }), h("p", { text: question })]));
      answers += 1;
      var para = h("div", { class: "text" });
      var box = h("div", { class: "msg bot", "data-state": "streaming" }, [h("span", { class: "sr", text: T.bot }), para]);
      msgs.appendChild(box);
      return { box: box, para: para, n: answers };
    }

    function fail(box, message) {
      box.classList.add("error");
      box.setAttribute("data-state", "error");
      box.querySelector(".text").textContent = message;
      announce(message);
    }

    // --- Server-Sent Events over fetch ---------------------------------------------------

    async function readEvents(response, onEvent) {
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffer = "";
      function dispatch(block) {
        var event = "message";
        var data = [];
        block.split("\n").forEach(function (line) {
          if (!line || line.charAt(0) === ":") return;
          var i = line.indexOf(":");
          var field = i < 0 ? line : line.slice(0, i);
          var value = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
          if (field === "event") event = value;
          else if (field === "data") data.push(value);
        });
        if (data.length) onEvent(event, data.join("\n"));
      }
      for (;;) {
        var chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n/g, "\n");
        var end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
      buffer += decoder.decode();
      if (buffer.trim()) dispatch(buffer);
    }

    async function ask() {
      var question = input.value.trim();
      if (pending) return announce(T.busy);
      if (!question) {
        announce(T.empty);
        return input.focus();
      }
      var chips = msgs.querySelector(".chips");
      if (chips) chips.remove();
      input.value = "";
      fitInput(0);
      var shown = addQuestion(question);
      var box = shown.box;
      var para = shown.para;
      var prefix = "f2030-a" + shown.n + "-src-";
      var streamed = "";
      msgs.setAttribute("aria-busy", "true");
      scrollDown();
      announce(T.searching);
      var asked = { length: question.length, turn: state.turns.length + 1 };
      if (shareQuestion) asked.question = question;
      emit("question", asked);
      var started = Date.now();

      var controller = new AbortController();
      var timer = setTimeout(function () { controller.abort("timeout"); }, TIMEOUT_MS);
      pending = controller;
      sendBtn.setAttribute("aria-disabled", "true");
      var final = null;
      var error = null;
      var kind = "server";
      var body = { question: question, history: history(), filters: filters };
      if (site) body.site = site;
      try {
        var response = await fetch(api + "/v1/chat/stream", {
          method: "POST",
          mode: "cors",
          credentials: "omit",
          headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
          body: JSON.stringify(body),
          signal: controller.signal,
        });
        var type = response.headers.get("content-type") || "";
        if (!response.ok || type.indexOf("text/event-stream") < 0 || !response.body) {
          var refused = null;
          try {
            refused = await response.json();
          } catch (e) {
            refused = null;
          }
          error = (refused && refused.error && refused.error.message) || T.failed;
        } else {
          await readEvents(response, function (event, data) {
            var payload;
            try {
              payload = JSON.parse(data);
            } catch (e) {
              return;
            }
            if (event === "token" && typeof payload.text === "string") {
              var stick = nearBottom();
              streamed += payload.text;
              para.replaceChildren(renderBlocks(parseAnswer(streamed, []), prefix));
              if (stick) scrollDown();
            } else if (event === "final" && payload && typeof payload === "object") {
              final = payload;
            } else if (event === "error") {
              error = String(payload.message || T.failed);
            }
          });
          if (!final && !error) {
            error = T.cut;
            kind = "cut";
          }
        }
      } catch (e) {
        if (controller.signal.aborted && pending !== controller) return; // "new conversation"
        error = controller.signal.aborted ? T.timeout : T.network;
        kind = controller.signal.aborted ? "timeout" : "network";
      } finally {
        clearTimeout(timer);
        if (pending === controller) {
          pending = null;
          sendBtn.removeAttribute("aria-disabled");
        }
        msgs.removeAttribute("aria-busy");
      }
      if (!box.isConnected) return;
      var stick = nearBottom();
      if (error) {
        fail(box, error);
        emit("error", { kind: kind, message: error });
      } else {
        var turn = { q: question, a: compact(final) };
        state.turns.push(turn);
        state.turns = state.turns.slice(-MAX_STORED_TURNS);
        saveState(state);
        var n = showAnswer(box, para, turn, shown.n);
        var answered = {
          answer_id: turn.a.answer_id,
          answerable: turn.a.answerable,
          citations: n,
          sources: turn.a.citations.map(function (c) { return c.id; }),
          duration_ms: Date.now() - started,
        };
        if (shareQuestion) answered.question = question;
        emit("answer", answered);
        announce(T.answered + para.textContent + (n ? " (" + n + " source" + (n > 1 ? "s" : "") + ")" : ""));
      }
      // Keep the start of the answer in view when its sources make it taller than the panel,
      // with the whole question above it when that takes less than a third of the panel.
      var before = box.previousElementSibling;
      var top = box.offsetTop - 8;
      if (before && box.offsetTop - before.offsetTop < msgs.clientHeight / 3) top = before.offsetTop - 8;
      if (stick) msgs.scrollTop = Math.min(msgs.scrollHeight, Math.max(0, top));
    }

    // The conversation of this tab, if any, comes back as it was left.
    var saved = loadState();
    if (saved && saved.turns.length) {
      saved.turns.forEach(function (turn) {
        var shown = addQuestion(turn.q);
        try {
          showAnswer(shown.box, shown.para, turn, shown.n);
          state.turns.push(turn);
        } catch (e) {
          shown.box.previousElementSibling.remove(); // a turn the widget cannot draw
          shown.box.remove();
        }
      });
      scrollDown();
    }
    if (!state.turns.length) welcome();
    if (saved && saved.open && !inline) {
      state.open = true; // reopened as it was left: no "open" event, no focus taken
      open(false);
    }
    if (saved) saveState(state);
  }

  function boot() {
    loadSite().then(start);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
