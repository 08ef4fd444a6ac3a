// Enhancements only: every page works without this script.
// - j / k (and arrow keys on a focused event) move between events; "/" focuses the search box.
// - On the timeline page: filters by tag, actor and years, and full-text search over titles,
//   summaries and source quotes, kept in the URL (?tag=a&tag=b&tagmode=all&actor=x&from=2018&to=2020&q=word).
//   The index (search.json) is fetched on first use; matches are listed in batches, so a filter
//   costs the same on a page of 10 events as on one of 10,000.
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");

  var form = doc.getElementById("filters");
  var results = doc.getElementById("results");
  var filtering = false;  // true while a filter is active and the results list replaces the chronology
  var more = null;        // renders further matches; set by the filter code below

  function eventItems() {
    var scope = filtering ? results : doc;
    return Array.prototype.slice.call(scope.querySelectorAll("li.event"));
  }

  function stickyOffset() {
    var bar = doc.querySelector(".jump");
    return bar ? bar.getBoundingClientRect().height : 0;
  }

  function focusEvent(item, scroll) {
    var article = item.querySelector("article") || item;
    if (!article.hasAttribute("tabindex")) article.setAttribute("tabindex", "-1");
    article.focus({ preventScroll: true });
    var rect = item.getBoundingClientRect();
    if (scroll || rect.top < stickyOffset() || rect.bottom > window.innerHeight) item.scrollIntoView({ block: "start" });
  }

  // Move from the focused event, else from the first one below the sticky bar.
  function moveFocus(step) {
    var items = eventItems();
    var current = doc.activeElement && doc.activeElement.closest ? doc.activeElement.closest("li.event") : null;
    var index = current ? items.indexOf(current) : -1, next;
    if (index >= 0) {
      next = index + step;
    } else {
      var top = stickyOffset() + 1, low = 0, high = items.length;
      while (low < high) { // first item whose top edge is at or below the sticky bar
        var mid = (low + high) >> 1;
        if (items[mid].getBoundingClientRect().top < top) low = mid + 1; else high = mid;
      }
      next = step > 0 ? low : low - 1;
    }
    if (next >= items.length && filtering && more && more()) items = eventItems();
    if (next >= 0 && next < items.length) focusEvent(items[next], false);
  }

  function isTyping(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || !!(target && target.isContentEditable);
  }

  doc.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
    var onEvent = event.target.matches && event.target.matches("li.event > article");
    if (event.key === "j" || (onEvent && event.key === "ArrowDown")) {
      event.preventDefault();
      moveFocus(1);
    } else if (event.key === "k" || (onEvent && event.key === "ArrowUp")) {
      event.preventDefault();
      moveFocus(-1);
    } else if (event.key === "/" && form && !form.hidden) {
      event.preventDefault();
      form.elements.q.focus();
    }
  });

  if (!form || !results) return;

  // ---------------------------------------------------------------- filters and search
  var root = form.getAttribute("data-root") || "./";
  var chronology = doc.getElementById("chronology");
  var noResults = doc.getElementById("no-results");
  var statusBox = doc.getElementById("status");
  var BATCH = 50;
  var index = null, loading = null, announceTimer = 0, everFiltered = false;
  var matches = [], quoteOnly = [], words = [], shownCount = 0, matchesByPeriod = {};

  function fold(text) { // the same folding for the index and the query: no case, no accents
    return text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
  }

  function plain(html) {
    return html.replace(/<[^>]*>/g, " ").replace(/&(amp|lt|gt|quot|#39|#x27);/g, function (all, name) {
      return { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" }[name];
    });
  }

  function terms(query) {
    var found = [], pattern = /"([^"]+)"|(\S+)/g, match;
    while ((match = pattern.exec(fold(query)))) {
      var term = (match[1] || match[2]).replace(/\s+/g, " ").trim();
      if (term && term !== '"') found.push(term);
    }
    return found;
  }

  function setStatus(text, now) {
    clearTimeout(announceTimer);
    if (now) statusBox.textContent = text;
    else announceTimer = setTimeout(function () { statusBox.textContent = text; }, 300);
  }

  function buildIndex(data) {
    var slots = function (table) {
      var map = {};
      table.forEach(function (row, i) { map[row[0]] = i; });
      return map;
    };
    var totals = {};
    var events = data.events.map(function (row) {
      var visible = fold(row[3] + " " + plain(row[4]));
      var period = row[12];
      totals[period] = (totals[period] || 0) + 1;
      return {
        id: row[0], year: row[1], end: row[2] === null ? row[1] : row[2], title: row[3], summary: row[4],
        quotes: row[5], tags: row[6], actors: row[7], display: row[8], datetime: row[9], precision: row[10],
        note: row[11], period: period, visibleLength: visible.length,
        text: row[5] ? visible + "\n" + fold(row[5]) : visible
      };
    });
    var byId = {};
    events.forEach(function (entry, i) { byId[entry.id] = i; });
    return { events: events, byId: byId, totals: totals, tags: data.tags, actors: data.actors,
             tagSlots: slots(data.tags), actorSlots: slots(data.actors) };
  }

  function loadIndex() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-index"), { cache: "no-cache" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) { index = buildIndex(data); return index; })
        .catch(function () {
          setStatus("Filters are unavailable: the search index could not be loaded.", true);
          return null;
        });
    }
    return loading;
  }

  // ---- form and URL
  function checked(name) {
    return Array.prototype.filter.call(form.querySelectorAll('input[name="' + name + '"]'), function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
  }

  function radio(name) {
    var picked = form.querySelector('input[name="' + name + '"]:checked');
    return picked ? picked.value : "any";
  }

  function yearValue(name) {
    var field = form.elements[name];
    return field && field.value !== "" ? parseInt(field.value, 10) : null;
  }

  function readForm() {
    return { tags: checked("tag"), tagmode: radio("tagmode"), actors: checked("actor"), actormode: radio("actormode"),
             from: yearValue("from"), to: yearValue("to"), q: form.elements.q.value.trim() };
  }

  function writeForm(state) {
    Array.prototype.forEach.call(form.querySelectorAll('input[type="checkbox"]'), function (box) {
      box.checked = (box.name === "tag" ? state.tags : state.actors).indexOf(box.value) >= 0;
    });
    ["tagmode", "actormode"].forEach(function (name) {
      var want = form.querySelector('input[name="' + name + '"][value="' + (state[name] === "all" ? "all" : "any") + '"]');
      if (want) want.checked = true;
    });
    ["from", "to"].forEach(function (name) {
      var field = form.elements[name];
      if (!field) return;
      field.value = state[name] === null ? "" : String(state[name]);
      if (field.selectedIndex < 0) field.value = "";
    });
    form.elements.q.value = state.q;
    ["tag", "actor"].forEach(function (kind) { // a list in use opens, so the reader sees why events are missing
      var facet = doc.getElementById("facet-" + kind);
      if (facet && checked(kind).length) facet.open = true;
    });
  }

  function stateFromUrl() {
    var params = new URLSearchParams(location.search);
    var year = function (name) {
      var value = parseInt(params.get(name) || "", 10);
      return isNaN(value) ? null : value;
    };
    return { tags: params.getAll("tag"), tagmode: params.get("tagmode") || "any",
             actors: params.getAll("actor"), actormode: params.get("actormode") || "any",
             from: year("from"), to: year("to"), q: (params.get("q") || "").trim() };
  }

  function isActive(state) {
    return !!(state.tags.length || state.actors.length || state.from !== null || state.to !== null || state.q);
  }

  function writeUrl(state) {
    var params = new URLSearchParams();
    state.tags.forEach(function (tag) { params.append("tag", tag); });
    if (state.tags.length > 1 && state.tagmode === "all") params.set("tagmode", "all");
    state.actors.forEach(function (actor) { params.append("actor", actor); });
    if (state.actors.length > 1 && state.actormode === "all") params.set("actormode", "all");
    if (state.from !== null) params.set("from", state.from);
    if (state.to !== null) params.set("to", state.to);
    if (state.q) params.set("q", state.q);
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
  }

  // ---- matching
  function yearText(value) { return value <= 0 ? (1 - value) + " BCE" : String(value); }

  function describe(state) {
    var parts = [];
    var names = function (slugs, table, slots) {
      return slugs.map(function (slug) { return slots[slug] === undefined ? slug : table[slots[slug]][1]; });
    };
    var list = function (items, mode) { return items.join(mode === "all" ? " and " : " or "); };
    if (state.tags.length) parts.push("tagged " + list(names(state.tags, index.tags, index.tagSlots), state.tagmode));
    if (state.actors.length) parts.push("with " + list(names(state.actors, index.actors, index.actorSlots), state.actormode));
    if (state.from !== null && state.to !== null) parts.push("from " + yearText(state.from) + " to " + yearText(state.to));
    else if (state.from !== null) parts.push("from " + yearText(state.from));
    else if (state.to !== null) parts.push("up to " + yearText(state.to));
    if (state.q) parts.push("containing “" + state.q + "”");
    return matches.length + " of " + index.events.length + (matches.length === 1 ? " events matches: " : " events match: ") +
      parts.join("; ") + ".";
  }

  function contains(list, slots, all) {
    if (!slots.length) return true;
    for (var k = 0; k < slots.length; k++) {
      if ((list.indexOf(slots[k]) >= 0) !== all) return !all;
    }
    return all;
  }

  function match(state) {
    words = terms(state.q);
    var tagSlots = state.tags.map(function (slug) { return index.tagSlots[slug]; });
    var actorSlots = state.actors.map(function (slug) { return index.actorSlots[slug]; });
    var from = state.from, to = state.to;
    if (from !== null && to !== null && from > to) { var swap = from; from = to; to = swap; }
    var tagAll = state.tagmode === "all", actorAll = state.actormode === "all";
    matches = [];
    quoteOnly = [];
    matchesByPeriod = {};
    var events = index.events;
    for (var i = 0; i < events.length; i++) {
      var entry = events[i], inQuote = false, ok = true;
      if ((from !== null && entry.end < from) || (to !== null && entry.year > to)) continue;
      if (!contains(entry.tags, tagSlots, tagAll) || !contains(entry.actors, actorSlots, actorAll)) continue;
      for (var k = 0; k < words.length; k++) {
        var at = entry.text.indexOf(words[k]);
        if (at < 0) { ok = false; break; }
        if (at > entry.visibleLength) inQuote = true;
      }
      if (!ok) continue;
      matches.push(entry);
      quoteOnly.push(inQuote);
      matchesByPeriod[entry.period] = (matchesByPeriod[entry.period] || 0) + 1;
    }
  }

  // ---- results list, built from the index in batches
  function element(tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function snippet(quotes) {
    var lower = quotes.toLowerCase(), at = -1, length = 0;
    for (var i = 0; i < words.length && at < 0; i++) {
      at = lower.indexOf(words[i]);
      length = words[i].length;
    }
    var note = element("p", "match-note", "Found in a source quote: “");
    if (at < 0) {
      note.appendChild(doc.createTextNode(quotes.slice(0, 160) + (quotes.length > 160 ? "…" : "")));
    } else {
      var start = Math.max(0, at - 70), end = Math.min(quotes.length, at + length + 90);
      note.appendChild(doc.createTextNode((start > 0 ? "…" : "") + quotes.slice(start, at)));
      note.appendChild(element("mark", "", quotes.slice(at, at + length)));
      note.appendChild(doc.createTextNode(quotes.slice(at + length, end) + (end < quotes.length ? "…" : "")));
    }
    note.appendChild(doc.createTextNode("”"));
    return note;
  }

  function termLinks(entry) {
    var list = element("ul", "terms");
    list.setAttribute("aria-label", "Tags and actors");
    entry.tags.forEach(function (slot) {
      var link = element("a", "tag", "#" + index.tags[slot][1]);
      link.href = root + "tags/" + index.tags[slot][0] + "/";
      list.appendChild(element("li")).appendChild(link);
    });
    entry.actors.forEach(function (slot) {
      var link = element("a", "actor", index.actors[slot][1]);
      link.href = root + "actors/" + index.actors[slot][0] + "/";
      list.appendChild(element("li")).appendChild(link);
    });
    return list;
  }

  function resultItem(entry, withNote) {
    var item = element("li", "event prec-" + entry.precision);
    item.setAttribute("data-id", entry.id);
    var article = item.appendChild(element("article"));
    article.setAttribute("aria-labelledby", "r-date-" + entry.id + " r-title-" + entry.id);
    var when = article.appendChild(element("span", "when"));
    when.id = "r-date-" + entry.id;
    var date = when.appendChild(element(entry.datetime ? "time" : "span", "date date-" + entry.precision, entry.display));
    if (entry.datetime) date.setAttribute("datetime", entry.datetime);
    date.title = entry.note;
    if (entry.precision !== "day") {
      when.appendChild(doc.createTextNode(" "));
      var chip = when.appendChild(element("span", "precision"));
      chip.appendChild(element("span", "visually-hidden", "("));
      chip.appendChild(doc.createTextNode(entry.precision));
      chip.appendChild(element("span", "visually-hidden", " precision)"));
    }
    var heading = article.appendChild(element("h3", "event-title"));
    heading.id = "r-title-" + entry.id;
    var link = heading.appendChild(element("a", "", entry.title));
    link.href = root + "events/" + entry.id + "/";
    if (entry.summary) {
      // The build's own sanitized Markdown output, the same HTML the event pages carry.
      article.appendChild(element("div", "summary")).innerHTML = entry.summary;
    }
    if (withNote) article.appendChild(snippet(entry.quotes));
    if (entry.tags.length || entry.actors.length) article.appendChild(termLinks(entry));
    return item;
  }

  var currentList = null, currentPeriod = "", moreBox = null;

  // Render matches up to `limit`; true when something new was rendered.
  function renderUpTo(limit) {
    limit = Math.min(limit, matches.length);
    if (limit <= shownCount) return false;
    var fragment = doc.createDocumentFragment();
    for (; shownCount < limit; shownCount++) {
      var entry = matches[shownCount];
      if (entry.period !== currentPeriod) {
        currentPeriod = entry.period;
        var section = fragment.appendChild(element("section", "period"));
        section.setAttribute("aria-labelledby", "r-" + entry.period);
        var source = doc.getElementById(entry.period);
        var heading = section.appendChild(element("h2", "period-title", source ? source.textContent : ""));
        heading.id = "r-" + entry.period;
        heading.tabIndex = -1;
        currentList = section.appendChild(element("ol", "events"));
      }
      // A list started in an earlier batch is already in the page; later ones wait in the fragment.
      currentList.appendChild(resultItem(entry, quoteOnly[shownCount]));
    }
    results.insertBefore(fragment, moreBox);
    updateMore();
    return true;
  }

  function updateMore() {
    var left = matches.length - shownCount;
    if (left <= 0) {
      if (moreBox) moreBox.hidden = true;
      return;
    }
    if (!moreBox || !moreBox.parentNode) {
      moreBox = element("p", "more");
      var button = moreBox.appendChild(element("button"));
      button.type = "button";
      button.addEventListener("click", function () {
        var first = shownCount;
        renderUpTo(shownCount + BATCH);
        var item = results.querySelectorAll("li.event")[first];
        if (item) focusEvent(item, false);
      });
      results.appendChild(moreBox);
    }
    moreBox.hidden = false;
    moreBox.firstChild.textContent = "Show " + Math.min(BATCH, left) + " more (" + left + " not shown yet)";
  }

  more = function () { return renderUpTo(shownCount + BATCH); };

  var shownKey = "";
  function showResults() {
    // While typing, the first matches often stay the same from one key to the next: keep them.
    var first = matches.slice(0, BATCH).map(function (entry, i) { return entry.id + (quoteOnly[i] ? "*" : ""); });
    var key = first.join(" ") + (/\*/.test(first.join("")) ? " " + words.join(" ") : ""); // notes mark the words
    if (key === shownKey && results.firstChild && shownCount <= BATCH && shownCount === Math.min(BATCH, matches.length)) {
      updateMore();
      return;
    }
    shownKey = key;
    results.textContent = "";
    moreBox = null;
    currentList = null;
    currentPeriod = "";
    shownCount = 0;
    renderUpTo(BATCH);
  }

  function updateNavigation() {
    Array.prototype.forEach.call(doc.querySelectorAll("a[data-target]"), function (link) {
      var period = link.getAttribute("data-target");
      var total = index.totals[period] || 0, count = filtering ? matchesByPeriod[period] || 0 : total;
      var phrase = filtering ? " of " + total + (total === 1 ? " event matches" : " events match")
                             : (total === 1 ? " event" : " events");
      if (link.classList.contains("bar")) {
        var label = link.querySelector(".visually-hidden");
        if (!link.hasAttribute("data-label")) link.setAttribute("data-label", label.textContent.split(":")[0]);
        label.textContent = link.title = link.getAttribute("data-label") + ": " + count + phrase;
        link.style.setProperty("--m", total ? count / total : 0);
      } else {
        // The name comes from the content (no aria-label), so it always contains the visible text
        // (WCAG 2.5.3): shown "2/3", read "2 of 3 events match".
        var number = link.querySelector(".count"), suffix = link.querySelector(".count + .visually-hidden");
        if (number) number.innerHTML = filtering ? count + '<span aria-hidden="true">/</span><span class="visually-hidden"> of </span>' + total : String(total);
        if (suffix) suffix.textContent = phrase.replace(" of " + total, "");
        link.parentElement.classList.toggle("empty", filtering && count === 0);
      }
    });
  }

  function apply(state) {
    var started = performance.now();
    filtering = isActive(state);
    if (filtering) {
      match(state);
      showResults();
    } else {
      matches = [];
      results.textContent = "";
      shownKey = "";
    }
    results.hidden = !filtering || matches.length === 0;
    // Set aside rather than removed from rendering: showing it again is quick, even with many events.
    chronology.classList.toggle("set-aside", filtering);
    noResults.hidden = !(filtering && matches.length === 0);
    doc.body.classList.toggle("filtered", filtering);
    updateNavigation();
    ["tag", "actor"].forEach(function (kind) {
      var picked = form.querySelector('[data-picked="' + kind + '"]');
      var count = (kind === "tag" ? state.tags : state.actors).length;
      var mode = kind === "tag" ? state.tagmode : state.actormode;
      if (picked) picked.textContent = count ? "(" + count + " checked" + (count > 1 ? ", " + mode + " of" : "") + ")" : "";
    });
    performance.measure("timeline-filter", { start: started, end: performance.now() });
    if (filtering) {
      everFiltered = true;
      return describe(state);
    }
    return everFiltered ? "Showing all " + index.events.length + " events." : "";
  }

  var scheduled = false, urlTimer = 0;
  function update(now) {
    clearTimeout(urlTimer); // the address follows the form, without a history call per keystroke
    urlTimer = setTimeout(function () { writeUrl(readForm()); }, now ? 0 : 250);
    if (!index) {
      if (!loading) setStatus("Loading the search index…", true);
      loadIndex().then(function () { if (index) update(true); });
      return;
    }
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(function () { // fast typing applies once per frame
      scheduled = false;
      setStatus(apply(readForm()), now);
    });
  }

  function clearAll() {
    writeForm({ tags: [], tagmode: "any", actors: [], actormode: "any", from: null, to: null, q: "" });
    update(true);
    form.elements.q.focus();
  }

  // ---- deep links: #event-id lands on the event, in the results when filtering
  function showLinkedEvent() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    if (filtering && index) {
      var position = -1;
      for (var i = 0; i < matches.length && position < 0; i++) if (matches[i].id === id) position = i;
      if (position < 0) {
        if (index.byId[id] !== undefined) setStatus("The linked event does not match the filters. " + statusBox.textContent, true);
        return;
      }
      renderUpTo(Math.ceil((position + 1) / BATCH) * BATCH);
      var found = results.querySelector('li[data-id="' + CSS.escape(id) + '"]');
      if (found) focusEvent(found, true);
      return;
    }
    var item = doc.getElementById(id);
    if (item && item.matches("li.event")) {
      focusEvent(item, true);
    } else if (!item) {
      // An event older than the page shows in full: its year page has it.
      loadIndex().then(function () {
        var at = index ? index.byId[id] : undefined;
        if (at === undefined) return;
        var year = index.events[at].year;
        location.replace(root + "years/" + (year > 0 ? year : (1 - year) + "-bce") + "/#" + encodeURIComponent(id));
      });
    }
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
  form.addEventListener("input", function (event) { update(event.target.type !== "search"); });
  form.addEventListener("focusin", loadIndex, { once: true });
  form.addEventListener("pointerover", loadIndex, { once: true });
  Array.prototype.forEach.call(doc.querySelectorAll("[data-clear]"), function (button) {
    button.addEventListener("click", clearAll);
  });
  window.addEventListener("hashchange", showLinkedEvent);
  // While filtering, the overview and jump links lead to the period's first match in the results.
  doc.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-target]") : null;
    if (!link || !filtering || !index) return;
    event.preventDefault();
    var period = link.getAttribute("data-target"), source = doc.getElementById(period);
    var label = source ? source.textContent : period;
    var first = -1;
    for (var i = 0; i < matches.length && first < 0; i++) if (matches[i].period === period) first = i;
    if (first < 0) {
      setStatus("No matching events in " + label + ". " + statusBox.textContent.replace(/^No matching events in [^.]*\. /, ""), true);
      return;
    }
    renderUpTo(Math.ceil((first + 1) / BATCH) * BATCH);
    var heading = doc.getElementById("r-" + period);
    if (heading) {
      heading.scrollIntoView({ block: "start" });
      heading.focus({ preventScroll: true });
    }
  });

  // The browser's own jump to #fragment happens at load and resets focus: move focus after it.
  var loaded = new Promise(function (resolve) {
    if (doc.readyState === "complete") resolve();
    else window.addEventListener("load", function () { setTimeout(resolve, 0); }, { once: true });
  });
  var initial = stateFromUrl();
  if (isActive(initial)) {
    writeForm(initial);
    setStatus("Loading the search index…", true);
    chronology.classList.add("set-aside"); // no flash of the unfiltered list while the index loads
    Promise.all([loadIndex(), loaded]).then(function () {
      if (!index) {
        chronology.classList.remove("set-aside");
        return;
      }
      var state = readForm();
      writeUrl(state);
      setStatus(apply(state), true);
      showLinkedEvent();
    });
  } else {
    loaded.then(showLinkedEvent);
  }
}());
