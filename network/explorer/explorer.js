/* entente explorer: draws the payload in #data as SVG, one year at a time. No libraries, no network.
   All text from the data goes in through textContent, never as HTML. */
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("data").textContent);
  const SVG = "http://www.w3.org/2000/svg";
  const STEP_MS = 1400, TIP_TIES = 3, L = D.look;
  const $ = (id) => document.getElementById(id);
  const slider = $("year"), play = $("play"), edgesG = $("edges"), nodesG = $("nodes"), tip = $("tooltip");
  const details = $("details"), stage = document.querySelector(".stage");
  const actors = new Map(D.actors.map((a) => [a.id, a]));
  const nodeEls = new Map();
  const first = D.years[0], last = D.years[D.years.length - 1];
  let year = first, selected = null, timer = null, shownEdge = null;

  function h(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function s(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }
  const name = (id) => (actors.has(id) ? actors.get(id).name : id);
  const look = (sign) => L.sign[String(sign)];
  const radius = (area) => Math.sqrt(area) / 2;
  const fmt = (v) => (v === null || v === undefined ? "\u2013" : Number.isInteger(v) ? String(v) : v.toFixed(3));
  const frame = () => D.frames[String(year)];
  const periodsOf = (yr) => D.periods.filter((p) => p.first <= yr && yr <= p.last);

  function tieBlock(id, withReference) {
    const t = D.ties[id], box = h("div", "tie");
    box.style.borderLeftColor = look(t.sign).colour;
    const arrow = t.directed ? " \u2192 " : " \u2013 ";
    box.append(h("div", "head", name(t.source) + arrow + name(t.target) + " \u00b7 " + (t.type || "tie") + " \u00b7 " + t.when));
    if (t.evidence) box.append(h("div", "evidence", t.evidence));
    const share = frame().shares[id];
    let cite = t.citation ? "Source: " + t.citation : "No citation";
    if (t.confidence !== "stated") cite += " \u00b7 " + t.confidence;
    if (share !== undefined) cite += " \u00b7 counted " + fmt(share) + " of its weight this year (dated across years)";
    box.append(h("div", "cite", cite));
    if (withReference && t.reference) box.append(h("div", "cite", t.reference));
    return box;
  }

  function edgeTitle(e) {
    const kind = look(e.sign).label;
    return name(e.source) + " \u2013 " + name(e.target) + ": " + kind + ", " + e.ties.length + (e.ties.length === 1 ? " tie" : " ties");
  }

  function showTip(g, e, cx, cy) {
    shownEdge = g;
    tip.replaceChildren(h("div", "head", edgeTitle(e)));
    e.ties.slice(0, TIP_TIES).forEach((id) => tip.append(tieBlock(id, false)));
    if (e.ties.length > TIP_TIES) tip.append(h("div", "hint", "and " + (e.ties.length - TIP_TIES) + " more: click the tie"));
    tip.hidden = false;
    // open beside the point, outwards (away from the middle of the network) where it fits
    const box = stage.getBoundingClientRect(), px = cx - box.left, py = cy - box.top, gap = 16;
    const w = tip.offsetWidth, hgt = tip.offsetHeight;
    const right = px + gap + w <= box.width, below = py + gap + hgt <= box.height;
    let left = (px > box.width / 2 ? right : !(px - gap - w >= 0)) ? px + gap : px - gap - w;
    let top = (py > box.height / 2 ? below : !(py - gap - hgt >= 0)) ? py + gap : py - gap - hgt;
    left = Math.max(0, Math.min(left, box.width - tip.offsetWidth));
    top = Math.max(0, Math.min(top, box.height - hgt));
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  function hideTip() { tip.hidden = true; shownEdge = null; }
  function tipAtEdge(g, e) {
    const r = g.querySelector(".ink").getBoundingClientRect();
    showTip(g, e, r.left + r.width / 2, r.top + r.height / 2);
  }

  function showEdge(e) {
    details.replaceChildren(h("h2", null, name(e.source) + " \u2013 " + name(e.target) + ", " + year));
    details.append(h("p", null, look(e.sign).label + ": net weight " + fmt(e.weight) + " (cooperation " + fmt(e.pos) +
      ", hostility " + fmt(e.neg) + ")"));
    e.ties.forEach((id) => details.append(tieBlock(id, true)));
  }

  function showActor(id) {
    const a = actors.get(id), c = frame().centrality[id];
    details.replaceChildren(h("h2", null, a.name), h("p", "hint", a.kind + " \u00b7 " + year));
    if (!c) {
      details.append(h("p", null, "No recorded tie in " + year + "."));
      return;
    }
    details.append(h("p", "camp", "Camp in " + year + ": " + L.bloc[frame().nodes[id].bloc].label + "."));
    const table = h("table");
    D.measures.forEach(([key, label, words]) => {
      const tr = h("tr"), th = h("th", null, label);
      th.title = words;
      tr.append(th, h("td", null, key === "rank" ? c.rank + " of " + Object.keys(frame().centrality).length : fmt(c[key])));
      table.append(tr);
    });
    details.append(table);
  }

  const dash = (l, width) => l.dash.map((d) => (d * width).toFixed(2)).join(" ");

  function legend() {
    const box = $("legend");
    ["1", "-1", "0"].forEach((k) => {
      const l = L.sign[k], pic = s("svg", { viewBox: "0 0 64 20", "aria-hidden": "true" });
      pic.append(s("line", { x1: 2, y1: 10, x2: 62, y2: 10, stroke: l.colour, "stroke-opacity": l.alpha, "stroke-width": 4,
        "stroke-dasharray": dash(l, 4) }));
      box.append(pic, h("span", null, l.label));
    });
    const used = new Set(Object.values(D.frames).flatMap((f) => Object.values(f.nodes).map((n) => n.bloc)));
    Object.keys(L.bloc).filter((k) => used.has(k)).concat(["none"]).forEach((k) => {
      const pic = s("svg", { viewBox: "0 0 64 20", "aria-hidden": "true" });
      // a swatch as the graph draws it: an actor without a tie is small and faded, outline too
      pic.append(s("circle", { cx: 32, cy: 10, r: k === "none" ? 5 : 8, fill: L.bloc[k].colour, stroke: L.node.edge,
        opacity: k === "none" ? L.inactive.alpha + 0.15 : 1 }));
      box.append(pic, h("span", null, L.bloc[k].label));
    });
    box.append(h("p", "camps-note", L.camps));
  }

  function drawNodes() {
    nodesG.setAttribute("font-size", L.font);
    D.actors.forEach((a) => {
      const g = s("g", { class: "node", tabindex: 0, role: "button", "data-id": a.id, "aria-label": a.name + " (" + a.kind + ")" });
      g.append(s("circle", { cx: a.x, cy: a.y, r: radius(L.inactive.size), stroke: L.node.edge,
        "stroke-width": a.pole ? L.node.pole_width : L.node.width }));
      const t = s("text", { x: a.x, "text-anchor": "middle", "data-label": a.id });
      a.label.split("\n").forEach((line, i) => {
        const span = s("tspan", { x: a.x, dy: i === 0 ? 0 : L.font * L.line });
        span.textContent = line;
        t.append(span);
      });
      g.append(t);
      g.addEventListener("click", () => select(selected === a.id ? null : a.id));
      g.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); select(selected === a.id ? null : a.id); } });
      nodesG.append(g);
      nodeEls.set(a.id, g);
    });
  }

  function drawEdges(f) {
    edgesG.replaceChildren();
    f.edges.forEach((e) => {
      const a = actors.get(e.source), b = actors.get(e.target), l = look(e.sign);
      const g = s("g", { class: "edge", tabindex: 0, role: "button", "data-source": e.source, "data-target": e.target,
        "data-sign": e.sign, "aria-label": edgeTitle(e) });
      // a line that would pass over a node it does not connect bends round it (e.bend: the curve's control point)
      const d = "M" + a.x + " " + a.y + (e.bend ? " Q" + e.bend[0] + " " + e.bend[1] + " " : " L") + b.x + " " + b.y;
      g.append(s("path", { class: "hit", d: d, fill: "none" }));
      g.append(s("path", { class: "ink", d: d, fill: "none", stroke: l.colour, "stroke-opacity": l.alpha, "stroke-width": e.width,
        "stroke-dasharray": dash(l, e.width) }));
      g.addEventListener("mouseenter", (ev) => { g.classList.add("hot"); showTip(g, e, ev.clientX, ev.clientY); });
      g.addEventListener("mousemove", (ev) => showTip(g, e, ev.clientX, ev.clientY));
      g.addEventListener("mouseleave", () => { g.classList.remove("hot"); if (document.activeElement !== g) hideTip(); });
      g.addEventListener("focus", () => tipAtEdge(g, e));
      g.addEventListener("blur", () => { if (shownEdge === g) hideTip(); });
      g.addEventListener("click", () => { select(null); showEdge(e); });
      g.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); select(null); showEdge(e); } });
      edgesG.append(g);
    });
  }

  function tieList(f) {
    const ul = $("tie-items");
    ul.replaceChildren();
    f.edges.forEach((e) => {
      const li = h("li"), b = h("button", null, edgeTitle(e));
      b.type = "button";
      b.addEventListener("click", () => { select(null); showEdge(e); });
      li.append(b);
      ul.append(li);
    });
    $("tie-list").querySelector("summary").textContent = "Ties in " + year + " (" + f.edges.length + ")";
  }

  // Labels claim room in order: actors with ties this year before faded ones, each by rank (the poles, then the
  // actors with most ties over the record). A label goes below its marker, else above, right, left or at a corner,
  // where its rendered box stays in the drawing and clear of the labels placed before and of the markers; else it
  // is hidden for the year (the actor's name is still in its tooltip and details).
  const SIDES = [[0, 1], [0, -1], [1, 0], [-1, 0], [0.71, 0.71], [-0.71, 0.71], [0.71, -0.71], [-0.71, -0.71]];
  const LABEL_GAP = 2, MIN_LABEL_PX = 10;
  let labelFont = 0;
  function labelSize() {
    // on a narrow screen the drawing shrinks: keep labels at least MIN_LABEL_PX pixels high (fewer then fit)
    const shown = $("graph").getBoundingClientRect().width, k = shown > 0 ? shown / L.view.width : 1;
    const font = Math.max(L.font, MIN_LABEL_PX / k);
    if (font !== labelFont) {
      labelFont = font;
      nodesG.setAttribute("font-size", font.toFixed(2));
      nodesG.querySelectorAll("tspan").forEach((sp) => { if (sp.previousSibling) sp.setAttribute("dy", (font * L.line).toFixed(2)); });
    }
  }
  function placeLabels(f) {
    labelSize();
    const box = (x, y, w, hgt) => ({ x0: x, y0: y, x1: x + w, y1: y + hgt });
    const hit = (p, q, gap) => p.x0 < q.x1 + gap && q.x0 < p.x1 + gap && p.y0 < q.y1 + gap && q.y0 < p.y1 + gap;
    const V = L.view, radii = new Map(), placed = [];
    D.actors.forEach((a) => { const n = f.nodes[a.id]; radii.set(a.id, radius(n ? n.area : L.inactive.size)); });
    const discs = D.actors.map((a) => ({ id: a.id, b: box(a.x - radii.get(a.id), a.y - radii.get(a.id), 2 * radii.get(a.id), 2 * radii.get(a.id)) }));
    const order = D.actors.slice().sort((p, q) => (f.nodes[q.id] ? 1 : 0) - (f.nodes[p.id] ? 1 : 0) || p.rank - q.rank || (p.id < q.id ? -1 : 1));
    order.forEach((a) => {
      const t = nodeEls.get(a.id).querySelector("text"), r = radii.get(a.id), reach = r + L.pad;
      t.setAttribute("visibility", "visible");
      t.setAttribute("y", "0");
      t.querySelectorAll("tspan").forEach((sp) => sp.setAttribute("x", "0"));
      const m = t.getBBox();  // the label's rendered size, and its top below the first baseline (y = 0)
      let spot = null;
      for (const [dx, dy] of SIDES) {
        const cx = a.x + dx * (reach + m.width / 2), cy = a.y + dy * (reach + m.height / 2);
        const b = box(cx - m.width / 2, cy - m.height / 2, m.width, m.height);
        if (b.x0 < 0 || b.y0 < 0 || b.x1 > V.width || b.y1 > V.height) continue;
        if (placed.some((p) => hit(b, p, LABEL_GAP))) continue;
        if (discs.some((d) => d.id !== a.id && hit(b, d.b, 0))) continue;
        spot = { b: b, cx: cx };
        break;
      }
      if (spot === null) { t.setAttribute("visibility", "hidden"); return; }
      placed.push(spot.b);
      t.setAttribute("y", (spot.b.y0 - m.y).toFixed(2));
      t.querySelectorAll("tspan").forEach((sp) => sp.setAttribute("x", spot.cx.toFixed(2)));
    });
  }

  function highlight() {
    const f = frame(), near = new Set(selected ? [selected] : []);
    edgesG.querySelectorAll(".edge").forEach((g) => {
      const on = !selected || g.dataset.source === selected || g.dataset.target === selected;
      if (on && selected) { near.add(g.dataset.source); near.add(g.dataset.target); }
      g.classList.toggle("dim", !on);
    });
    nodeEls.forEach((g, id) => {
      const n = f.nodes[id], a = actors.get(id), r = radius(n ? n.area : L.inactive.size);
      const c = g.querySelector("circle"), t = g.querySelector("text");
      c.setAttribute("r", r.toFixed(2));
      c.setAttribute("fill", L.bloc[n ? n.bloc : "none"].colour);
      g.setAttribute("opacity", n ? 1 : L.inactive.alpha + 0.15);
      t.setAttribute("fill", n ? L.node.label : L.inactive.label);
      g.classList.toggle("inactive", !n);
      g.classList.toggle("selected", id === selected);
      g.classList.toggle("dim", selected !== null && !near.has(id));
    });
    placeLabels(f);
  }

  function select(id) {
    selected = id;
    highlight();
    if (id) showActor(id);
    else details.replaceChildren(h("p", "hint", "Click an actor or a tie for details."));
  }

  // The periods in time order, one button each with its whole name (wrapping onto more rows as the screen narrows):
  // a time line of bars, each as wide as its period, cut the names of short periods to a letter or two.
  function periodBar() {
    const bar = $("periods");
    D.periods.slice().sort((p, q) => p.start - q.start).forEach((p) => {
      const b = h("button", null, p.label);
      b.type = "button";
      b.title = p.label + " (" + p.lower + " to " + p.upper + ")";
      b.dataset.id = p.id;
      b.addEventListener("click", () => { stop(); setYear(p.first); });
      bar.append(b);
    });
  }

  function setYear(yr, fromUser) {
    yr = Math.max(first, Math.min(last, Math.round(yr)));
    if (!Number.isFinite(yr)) return;
    year = yr;
    slider.value = String(yr);
    const ps = periodsOf(yr), label = ps.map((p) => p.label).join(" \u00b7 ");
    $("year-label").textContent = String(yr);
    $("period-label").textContent = label;
    slider.setAttribute("aria-valuetext", label ? yr + ": " + label : String(yr));
    document.querySelectorAll("#periods button").forEach((b) => b.classList.toggle("current", ps.some((p) => p.id === b.dataset.id)));
    const f = frame();
    hideTip();
    drawEdges(f);
    tieList(f);
    highlight();
    if (selected) showActor(selected);
    else details.replaceChildren(h("p", "hint", "Click an actor or a tie for details."));
    document.documentElement.dataset.year = String(yr);
    if (fromUser && yearFromHash() !== yr) {
      try { history.replaceState(null, "", "#year=" + yr); } catch (err) { location.replace("#year=" + yr); }
    }
  }

  function yearFromHash() {
    const m = /(?:^#|[#&])year=(\d{1,4})(?:&|$)/.exec(location.hash);
    return m ? parseInt(m[1], 10) : null;
  }

  function stop() {
    if (timer !== null) clearInterval(timer);
    timer = null;
    play.setAttribute("aria-pressed", "false");
    play.textContent = "Play";
  }
  function start() {
    if (year >= last) setYear(first, true);
    play.setAttribute("aria-pressed", "true");
    play.textContent = "Pause";
    timer = setInterval(() => { if (year >= last) stop(); else setYear(year + 1, true); }, STEP_MS);
  }

  slider.min = String(first);
  slider.max = String(last);
  slider.addEventListener("input", () => setYear(Number(slider.value), true));
  slider.addEventListener("keydown", () => stop());
  play.addEventListener("click", () => (timer === null ? start() : stop()));
  window.addEventListener("resize", () => { const before = labelFont; labelSize(); if (labelFont !== before) highlight(); });
  window.addEventListener("hashchange", () => { const yr = yearFromHash(); if (yr !== null && yr !== year) setYear(yr, false); });
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") { hideTip(); select(null); } });
  legend();
  drawNodes();
  periodBar();
  const wanted = yearFromHash();
  setYear(wanted === null ? first : wanted, false);
  document.documentElement.dataset.ready = "true";
})();
