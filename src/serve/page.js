// The preview page of `brief watch --serve`: picks an output (briefing × format ×
// language), shows its pages as images, a second language beside it slide by slide, the
// errors of the last build and the translation status of what is shown. Drawn first from
// the state served inside the page (as JSON data), then again from api/state whenever a
// build ends (server-sent events from api/events). Every address is relative to the
// page's own, which holds the run's token.
"use strict";

const $ = (id) => document.getElementById(id);
let state = null;
let building = false;
let restored = false;

const languageNames = (() => {
  try {
    return new Intl.DisplayNames([navigator.language || "en"], { type: "language" });
  } catch (e) {
    return null;
  }
})();

function languageName(code) {
  const name = languageNames && languageNames.of(code);
  return name && name !== code ? `${name} (${code})` : code;
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function unique(values) {
  return [...new Set(values)];
}

function element(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

// Fills a <select> with options, keeping the current choice when it is still there.
function fill(select, values, label, wanted) {
  const current = wanted ?? select.value;
  select.replaceChildren(...values.map((v) => element("option", { value: v, text: label(v) })));
  if (values.includes(current)) select.value = current;
}

async function load() {
  try {
    const response = await fetch("api/state", { cache: "no-store" });
    state = await response.json();
    building = state.building;
    render();
  } catch (e) {
    showStatus("offline", "cannot reach brief watch; is it still running?");
  }
}

function chosen() {
  return { brief: $("brief").value, format: $("format").value, lang: $("lang").value, other: $("other").value };
}

function render() {
  const wanted = restored ? {} : fromHash();
  restored = true;
  const outputs = state.outputs;
  fill($("brief"), unique(outputs.map((o) => o.brief)), (b) => b, wanted.brief);
  const ofBrief = outputs.filter((o) => o.brief === $("brief").value);
  fill($("format"), unique(ofBrief.map((o) => o.format)), (f) => f, wanted.format);
  const langs = unique(ofBrief.map((o) => o.lang));
  fill($("lang"), langs, languageName, wanted.lang);
  fill($("other"), ["", ...langs.filter((l) => l !== $("lang").value)], (l) => (l ? languageName(l) : "nothing"), wanted.other);
  const pick = chosen();
  location.replace(`#${[pick.brief, pick.format, pick.lang, pick.other].map(encodeURIComponent).join("/")}`);
  renderStatus();
  renderErrors();
  renderTranslations(pick);
  renderPages(pick);
}

function fromHash() {
  const [brief, format, lang, other] = location.hash.slice(1).split("/").map(decodeURIComponent);
  return { brief, format, lang, other };
}

function showStatus(kind, text) {
  $("status").className = `status ${kind}`;
  $("line").textContent = text;
  $("line").title = text;
}

function renderStatus() {
  if (!state) return;
  if (building) return showStatus("building", "building…");
  const errors = state.diagnostics.filter((d) => d.severity === "error").length;
  const time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  showStatus(errors ? "error" : "ok", `${time} · ${state.line || "no build yet"}`);
}

function renderErrors() {
  const errors = state.diagnostics.filter((d) => d.severity === "error");
  const warnings = state.diagnostics.filter((d) => d.severity === "warning");
  const panel = $("errors");
  panel.replaceChildren();
  panel.hidden = errors.length === 0 && warnings.length === 0;
  panel.classList.toggle("only-warnings", errors.length === 0);
  if (errors.length) {
    panel.append(element("h2", { text: plural(errors.length, "error") }));
    for (const d of errors) panel.append(diagnostic(d));
  }
  if (warnings.length) {
    const items = warnings.map(diagnostic);
    const summary = element("summary", { text: plural(warnings.length, "warning") });
    panel.append(element("details", {}, [summary, ...items]));
  }
}

function diagnostic(d) {
  const head = element("div", { class: "where", text: d.location || "" });
  return element("div", { class: `diagnostic ${d.severity}` }, [head, element("pre", { text: d.text })]);
}

function renderTranslations(pick) {
  const panel = $("translations");
  const langs = [pick.lang, pick.other].filter(Boolean);
  panel.replaceChildren(...langs.map((lang) => translation(pick.brief, lang)));
  panel.hidden = langs.length === 0;
}

function translation(brief, lang) {
  const status = state.translations.find((t) => t.brief === brief && t.lang === lang);
  const name = element("strong", { text: languageName(lang) });
  if (!status) {
    const output = state.outputs.find((o) => o.brief === brief && o.lang === lang);
    const text = output && output.failed ? "no status while its file has errors" : "source language";
    return element("div", { class: "translation" }, [name, element("span", { class: "muted", text: ` · ${text}` })]);
  }
  const counts = [`${status.percent}% translated`];
  if (status.missing.length) counts.push(`${status.missing.length} missing`);
  if (status.stale.length) counts.push(`${status.stale.length} stale`);
  if (status.orphaned.length) counts.push(`${status.orphaned.length} orphaned`);
  const line = element("span", { text: ` · ${counts.join(" · ")}` });
  const box = element("div", { class: `translation${status.missing.length || status.stale.length ? " lacking" : ""}` }, [name, line]);
  const lists = [["missing", "Missing (the source text is shown)"], ["stale", "Stale (the source changed since)"], ["orphaned", "Orphaned (not in the source)"]];
  for (const [kind, title] of lists) {
    if (!status[kind].length) continue;
    const items = kind === "missing" ? status["missing-at"].map(missingItem) : status[kind].map((key) => element("li", {}, [element("code", { text: key })]));
    const keys = element("ul", {}, items);
    box.append(element("details", { class: kind }, [element("summary", { text: `${title}: ${status[kind].length}` }), keys]));
  }
  return box;
}

// A missing key: where it is or goes, and the source text shown instead.
function missingItem(missing) {
  return element("li", {}, [
    element("code", { text: missing.key }),
    element("span", { class: "muted", text: ` · ${missing.at} · source ${missing["source-at"]}: “${missing.source}”` }),
  ]);
}

function imageUrl(output, number) {
  const parts = [output.brief, output.lang, output.format].map(encodeURIComponent).join("/");
  return `page/${parts}/${number}.png?v=${state.run}-${output.version}`;
}

function renderPages(pick) {
  const find = (lang) => state.outputs.find((o) => o.brief === pick.brief && o.format === pick.format && o.lang === lang);
  const columns = [pick.lang, pick.other].filter(Boolean).map((lang) => ({ lang, output: find(lang) }));
  const main = $("pages");
  main.classList.toggle("pair", columns.length === 2);
  main.classList.toggle("slides", pick.format === "slides");
  const heads = columns.map(({ lang, output }) => {
    const note = !output || !output.pages.length ? "no pages yet: see the errors" : output.failed ? "last build failed: the last good version is shown" : "";
    return element("div", { class: `column-head${output && output.failed ? " failed" : ""}` }, [
      element("strong", { text: languageName(lang) }),
      element("span", { class: "muted", text: note ? ` · ${note}` : output ? ` · ${plural(output.pages.length, "page")}` : "" }),
    ]);
  });
  const rows = [element("div", { class: "row head" }, [element("div", { class: "number" }), ...heads])];
  for (const numbers of pageRows(columns)) {
    const cells = columns.map(({ lang, output }, column) => {
      const n = numbers[column];
      const page = output && n && output.pages[n - 1];
      if (!page) return element("div", { class: "page empty" });
      const img = element("img", {
        src: imageUrl(output, n),
        alt: `page ${n} of ${output.brief}, ${lang}, ${output.format}`,
        width: Math.round(page.width),
        height: Math.round(page.height),
        loading: n > 3 ? "lazy" : "eager",
      });
      return element("figure", { class: "page" }, [img]);
    });
    const label = [...new Set(numbers.filter(Boolean))].join("/");
    rows.push(element("div", { class: "row" }, [element("div", { class: "number", text: label }), ...cells]));
  }
  main.replaceChildren(...rows);
}

// The page numbers of each row, one a column (null: no page there). Pages are grouped by
// the slide they show (`key`); when both columns have the same slides, the pages of one
// slide share rows, so a slide one language continues on a second page leaves an empty
// cell beside it instead of shifting every page after it. Otherwise, page by page.
function pageRows(columns) {
  const groups = columns.map(({ output }) => {
    const found = [];
    (output ? output.pages : []).forEach((page, i) => {
      const last = found[found.length - 1];
      const key = page.key ?? null;
      if (last && last.key === key) last.pages.push(i + 1);
      else found.push({ key, pages: [i + 1] });
    });
    return found;
  });
  const same = groups.every((g) => g.length === groups[0].length && g.every((group, i) => group.key === groups[0][i].key));
  const rows = [];
  if (same) {
    groups[0].forEach((_, i) => {
      const tallest = Math.max(...groups.map((g) => g[i].pages.length));
      for (let j = 0; j < tallest; j++) rows.push(groups.map((g) => g[i].pages[j] ?? null));
    });
  } else {
    const count = Math.max(0, ...columns.map((c) => (c.output ? c.output.pages.length : 0)));
    for (let n = 1; n <= count; n++) rows.push(columns.map((c) => (c.output && n <= c.output.pages.length ? n : null)));
  }
  return rows;
}

for (const id of ["brief", "format", "lang", "other"]) {
  $(id).addEventListener("change", () => state && render());
}

// The state the page was served with, then the state after each build.
try {
  state = JSON.parse($("state").textContent);
  building = state.building;
  render();
} catch (e) {
  load();
}

const events = new EventSource("api/events");
events.onmessage = (event) => {
  const message = JSON.parse(event.data);
  building = message.building;
  if (!state || message.generation !== state.generation) load();
  else renderStatus();
};
events.onerror = () => showStatus("offline", "connection to brief watch lost; retrying…");
