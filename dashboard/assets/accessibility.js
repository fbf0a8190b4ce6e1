/* Keyboard and screen-reader repairs for Dash's own widgets, and the phone layout of charts.
 *
 * Dash serves every file in assets/ with each page. The widgets below are drawn by Dash's
 * bundled components, which the app cannot change, so their markup is mended in place each
 * time React draws them (a MutationObserver), in the page's language:
 *  - the table's pager buttons are icons only: they get names (from the page's data-pager-*);
 *  - a dropdown keeps an aria-hidden input in the Tab order to pass focus on: it leaves the
 *    Tab order and the dropdown's own button takes its place;
 *  - radio items are drawn as a listbox of options that hold radio buttons: they become a
 *    radio group named by the element whose id is "<id>-label";
 *  - the table filter's case toggle ("Aa") gets its name in the page's language (data-filter-case);
 *  - a date input is drawn by the browser in the browser's language and order (05/06/2019 is
 *    ambiguous, and English in a Spanish page): the chosen date is written out beside it in
 *    the page's language («15 de julio de 2019» / "July 15, 2019"), or «sin fecha elegida» /
 *    "no date chosen" when it is empty (the browser's hint is hidden until it has focus).
 * Charts carry a "narrow" layout in layout.meta (figures/style.py); it is applied while the
 * chart is narrower than NARROW_PX and undone when it is wide again. The narrow layout sets
 * a height, and plotly's relayout then fixes the width at whatever it was drawn at (it
 * "cannot autosize one dimension only"): a chart drawn wide and then narrowed (a phone
 * turned upright, a window made smaller) stayed wider than its card. So every change also
 * clears the width and asks for autosize, which plotly does honour for the width alone.
 * A date axis carries the ticks the server chose for the whole period (figures/style.py:
 * date_ticks): zoomed in, they were too few or none. Zoomed or panned, the axis gets the
 * same rule's ticks for the dates in view (its steps and month names are in
 * layout.meta.date_ticks); zoomed out again (autorange), its own ticks come back.
 */
(function () {
  "use strict";
  var NARROW_PX = 640;
  var PAGER = ["first-page", "previous-page", "next-page", "last-page"];

  function setAttr(el, name, value) {
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  }

  function dropAttr(el, name) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  }

  function namePager(root) {
    var page = document.querySelector(".page");
    if (!page) return;
    PAGER.forEach(function (cls) {
      var label = page.getAttribute("data-pager-" + cls);
      if (!label) return;
      root.querySelectorAll("button." + cls).forEach(function (b) {
        setAttr(b, "aria-label", label);
        setAttr(b, "title", label);
      });
    });
    var current = page.getAttribute("data-pager-current");
    root.querySelectorAll("input.current-page").forEach(function (input) {
      if (current) setAttr(input, "aria-label", current);
    });
  }

  function focusSafeDropdowns(root) {
    root.querySelectorAll(".dash-dropdown-wrapper").forEach(function (wrapper) {
      var target = wrapper.querySelector(".dash-dropdown-focus-target");
      var button = wrapper.querySelector("button.dash-dropdown");
      if (!target || !button) return;
      setAttr(target, "tabindex", "-1");
      setAttr(button, "tabindex", button.disabled ? "-1" : "0");
    });
  }

  function radioGroups(root) {
    root.querySelectorAll(".dash-radioitems[role='listbox']").forEach(function (group) {
      setAttr(group, "role", "radiogroup");
    });
    root.querySelectorAll(".dash-radioitems[role='radiogroup']").forEach(function (group) {
      if (group.id && document.getElementById(group.id + "-label")) {
        setAttr(group, "aria-labelledby", group.id + "-label");
      }
      group.querySelectorAll("label.dash-options-list-option").forEach(function (option) {
        dropAttr(option, "role");
        dropAttr(option, "aria-selected");
      });
    });
  }

  function nameCaseToggles(root) {
    var page = document.querySelector(".page");
    var label = page && page.getAttribute("data-filter-case");
    if (!label) return;
    root.querySelectorAll(".dash-filter--case").forEach(function (toggle) {
      setAttr(toggle, "title", label);
      setAttr(toggle, "aria-label", label);
    });
  }

  // --- dates in words -----------------------------------------------------------------
  var DATE_LOCALES = { en: "en-US", es: "es-MX" };
  var dateWordsCount = 0;

  function inWords(value, lang) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    if (!m) return "";
    var day = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return new Intl.DateTimeFormat(DATE_LOCALES[lang] || "en-US", {
      day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
    }).format(day);
  }

  // Dash draws the input inside its own box: the words go after that box
  function dateBox(input) {
    return input.closest(".dash-input-container") || input;
  }

  function writeDate(input) {
    var page = input.closest(".page");
    var box = dateBox(input);
    var words = box.nextElementSibling;
    if (!words || !words.classList.contains("date-words")) {
      words = document.createElement("span");
      words.className = "date-words";
      words.id = "date-words-" + (++dateWordsCount);
      box.insertAdjacentElement("afterend", words);
    }
    setAttr(input, "aria-describedby", words.id);
    var text = inWords(input.value, page ? page.getAttribute("lang") : "en");
    // an empty input shows the browser's own hint (mm/dd/yyyy, in the browser's language):
    // it is hidden until the input has focus, and the words say that no date is chosen
    if (input.value) dropAttr(input, "data-empty");
    else setAttr(input, "data-empty", "");
    if (!text) text = (page && page.getAttribute("data-date-none")) || "";
    if (words.textContent !== text) words.textContent = text;
  }

  function dateWords(root) {
    root.querySelectorAll("input[type='date']").forEach(writeDate);
    // words left behind by an input React has since replaced
    root.querySelectorAll(".date-words").forEach(function (words) {
      var box = words.previousElementSibling;
      var input = box && (box.type === "date" ? box : box.querySelector("input[type='date']"));
      if (!input || dateBox(input) !== box) words.remove();
    });
  }

  // A table wider than a phone scrolls in its own box: keyboard users must reach it too.
  function scrollableTables(root) {
    var boxes = ".dash-table-container, .dash-spreadsheet-container";
    root.querySelectorAll(boxes).forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) setAttr(box, "tabindex", "0");
    });
  }

  // --- charts on phones --------------------------------------------------------------
  function lookup(obj, path) {
    var keys = path.split(/[.[\]]+/).filter(Boolean);
    for (var i = 0; i < keys.length && obj != null; i++) obj = obj[keys[i]];
    return obj === undefined ? null : obj;
  }

  function fitChart(gd) {
    var narrow = gd.layout && gd.layout.meta && gd.layout.meta.narrow;
    if (!narrow || !window.Plotly || !gd.offsetWidth) return;
    if (gd._fitLayout !== gd.layout) {
      // a new figure arrived (Dash replaces the layout object): it is drawn wide
      gd._fitLayout = gd.layout;
      gd._isNarrow = false;
    }
    var want = gd.offsetWidth < NARROW_PX;
    if (want === gd._isNarrow) {
      // plotly's own resize (on the window) drops a set height with the width: put it back
      if (want && gd.layout.height !== narrow.height) {
        window.Plotly.relayout(gd, widthFollowsCard({ height: narrow.height }));
      }
      return;
    }
    if (want) {
      var wide = {};
      Object.keys(narrow).forEach(function (key) { wide[key] = lookup(gd.layout, key); });
      gd._wide = wide;
    }
    gd._isNarrow = want;
    window.Plotly.relayout(gd, widthFollowsCard(want ? narrow : gd._wide));
  }

  function widthFollowsCard(changes) {
    var update = { width: null, autosize: true };
    Object.keys(changes).forEach(function (key) { update[key] = changes[key]; });
    return update;
  }

  // --- a zoomed date axis: date_ticks (figures/style.py), the same rule ------------------
  function utcDay(text) {
    var d = new Date(String(text).slice(0, 10) + "T00:00:00Z");
    return isNaN(d) ? null : d;
  }

  function isoDay(d) { return d.toISOString().slice(0, 10); }

  function firstOfMonth(year, month) { return new Date(Date.UTC(year, month, 1)); }

  function dateTicks(first, last, rule, most) {
    var name = function (d) { return rule.months[d.getUTCMonth()]; };
    var months = [];
    var m = firstOfMonth(first.getUTCFullYear(), first.getUTCMonth());
    for (; m <= last; m = firstOfMonth(m.getUTCFullYear(), m.getUTCMonth() + 1)) {
      if (m >= first) months.push(m);
    }
    var i, ticks;
    if (months.length >= 2) {
      for (i = 0; i < rule.month_steps.length; i++) {
        var step = rule.month_steps[i];
        ticks = months.filter(function (d) { return d.getUTCMonth() % step === 0; });
        if (ticks.length <= most) {
          return [ticks, ticks.map(function (d) { return name(d) + " " + d.getUTCFullYear(); })];
        }
      }
      var januaries = months.filter(function (d) { return d.getUTCMonth() === 0; });
      for (i = 0; i < rule.year_steps.length; i++) {
        var every = rule.year_steps[i];
        ticks = januaries.filter(function (d) { return d.getUTCFullYear() % every === 0; });
        if (ticks.length <= most) {
          return [ticks, ticks.map(function (d) { return String(d.getUTCFullYear()); })];
        }
      }
    }
    for (i = 0; i < rule.day_steps.length; i++) {
      ticks = [];
      for (var t = first.getTime(); t <= last.getTime(); t += rule.day_steps[i] * 86400000) {
        ticks.push(new Date(t));
      }
      if (ticks.length <= most) {
        return [ticks, ticks.map(function (d) {
          return rule.day_first
            ? d.getUTCDate() + " " + name(d) + " " + d.getUTCFullYear()
            : name(d) + " " + d.getUTCDate() + ", " + d.getUTCFullYear();
        })];
      }
    }
    return [[], []];
  }

  // every k-th tick, as many as fit a phone's axis (figures/style.py: narrow_ticks)
  function narrowTicks(ticks, labels, rule) {
    if (!labels.length) return [ticks, labels];
    var longest = Math.max.apply(null, labels.map(function (l) { return l.length; }));
    var labelPx = rule.narrow_label_char_px * longest + rule.narrow_label_gap_px;
    var room = Math.floor(rule.narrow_axis_px / labelPx);
    var every = Math.ceil(ticks.length / Math.max(2, Math.min(rule.narrow_most, room)));
    var keep = function (_, i) { return i % every === 0; };
    return [ticks.filter(keep), labels.filter(keep)];
  }

  function sameTicks(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  // The ticks of the dates in view while the reader has the axis zoomed or panned (a relayout
  // of its range), else its own ones. Also run after every redraw: Dash redraws a chart from
  // its figure and the phone layout is applied again, which brings the whole period's ticks
  // back; a redraw that also reset the range (a new figure) ends the zoom.
  function retick(gd, event) {
    var rule = gd.layout && gd.layout.meta && gd.layout.meta.date_ticks;
    var full = gd._fullLayout && gd._fullLayout.xaxis;
    if (!rule || !full || !window.Plotly) return;
    var range = full.range.map(String);
    if (event && ("xaxis.range[0]" in event || "xaxis.range" in event)) gd._zoomRange = range;
    if (event && event["xaxis.autorange"]) gd._zoomRange = null;
    var now = [gd.layout.xaxis.tickvals, gd.layout.xaxis.ticktext];
    var ours = gd._zoomTicks && sameTicks(now, gd._zoomTicks);
    if (!gd._zoomRange || !sameTicks(range, gd._zoomRange)) {
      gd._zoomRange = null;
      if (ours) {  // zoomed out: the axis's own ticks back
        gd._zoomTicks = null;
        window.Plotly.relayout(gd, {
          "xaxis.tickvals": gd._periodTicks[0], "xaxis.ticktext": gd._periodTicks[1],
        });
      }
      return;
    }
    var first = utcDay(range[0]), last = utcDay(range[1]);
    if (!first || !last) return;
    var found = dateTicks(first, last, rule, rule.most);
    if (gd._isNarrow) found = narrowTicks(found[0], found[1], rule);
    var want = [found[0].map(isoDay), found[1]];
    if (sameTicks(now, want)) return;
    if (!ours) gd._periodTicks = now;  // the figure's own (or its phone layout's) ticks
    gd._zoomTicks = want;
    window.Plotly.relayout(gd, { "xaxis.tickvals": want[0], "xaxis.ticktext": want[1] });
  }

  function watchCharts(root) {
    root.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
      if (gd._fitWatched || !gd.on) return;
      gd._fitWatched = true;
      gd.on("plotly_afterplot", function () { fitChart(gd); retick(gd); });
      gd.on("plotly_relayout", function (event) { retick(gd, event || {}); });
      fitChart(gd);
    });
  }

  function mend() {
    namePager(document);
    focusSafeDropdowns(document);
    radioGroups(document);
    nameCaseToggles(document);
    dateWords(document);
    scrollableTables(document);
    watchCharts(document);
  }

  function start() {
    new MutationObserver(mend).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["tabindex", "role", "aria-selected", "disabled"],
    });
    // a date typed or picked, or set by a callback (a fiscal year locks and fills the dates)
    ["input", "change"].forEach(function (type) {
      document.addEventListener(type, function (event) {
        if (event.target.type === "date") writeDate(event.target);
      }, true);
    });
    window.addEventListener("resize", function () {
      document.querySelectorAll(".js-plotly-plot").forEach(fitChart);
    });
    mend();
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
