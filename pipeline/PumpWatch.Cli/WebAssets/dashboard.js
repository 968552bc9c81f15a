// PumpWatch dashboard page: reads /api/meta for the store and the panel catalogue, then each panel's rows from
// /api/panels/{id}, and draws them with ECharts. Every panel section carries data-state (loading, data, empty, error)
// and <body data-refreshes> counts finished refreshes, so a person and a browser test can tell what is on screen.
'use strict';

(() => {
  // Fixed colours per pump position, so a pump has the same colour in every chart.
  const palette = ['#73bf69', '#f2cc0c', '#8ab8ff', '#ff780a', '#f2495c', '#5794f2', '#b877d9', '#705da0', '#37872d', '#fade2a',
    '#1f60c4', '#8f3bb8', '#c4162a', '#e0b400', '#56a64b', '#ff9830'];
  const layout = {
    current_values: 'w12', sensor_readings: 'w8', temperature_vs_pressure: 'w4', anomaly_score: 'w8', anomalies_per_pump: 'w4',
    alerts: 'w12', readings_per_second: 'w4', windows_scored: 'w4', quarantined_by_reason: 'w4',
  };
  const order = Object.keys(layout);
  const params = new URLSearchParams(location.search);
  const state = {
    meta: null, range: params.get('range') || 'all', sensor: params.get('sensor') || null,
    refresh: Number(params.get('refresh') || 5), chosen: null, timer: null, running: false, again: false, refreshes: 0,
  };
  const charts = {};
  const $ = id => document.getElementById(id);

  const utc = ms => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const num = v => v === null || v === undefined ? 'n/a' : Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3);
  const colourOf = pump => palette[Math.max(0, state.meta.pumps.indexOf(pump)) % palette.length];
  const byPump = (a, b) => {
    const [x, y] = [Number(a), Number(b)];
    const [nx, ny] = [/^\d+$/.test(a), /^\d+$/.test(b)];
    return nx && ny ? x - y : nx !== ny ? (nx ? -1 : 1) : a < b ? -1 : a > b ? 1 : 0;
  };

  function element(tag, attributes, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes || {})) {
      if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c);
    return e;
  }

  async function getJson(url) {
    const response = await fetch(url, { cache: 'no-store' });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
    return body;
  }

  // ---- frame: header controls, pickers, one section per catalogue panel ----

  function buildFrame(meta) {
    $('store').textContent = meta.store;
    const ranges = $('ranges');
    for (const r of meta.ranges) {
      const b = element('button', { type: 'button', 'data-range': r, text: r === 'all' ? 'all' : `last ${r}` });
      b.addEventListener('click', () => { state.range = r; markRange(); refreshNow(); });
      ranges.append(b);
    }
    markRange();
    const refresh = $('refresh');
    if ([...refresh.options].some(o => Number(o.value) === state.refresh)) refresh.value = String(state.refresh);
    refresh.addEventListener('change', () => { state.refresh = Number(refresh.value); schedule(); });

    const sensor = $('sensor');
    for (const s of meta.sensors) sensor.append(element('option', { value: s.name, text: `${s.name} (${s.unit})` }));
    if (state.sensor && meta.sensors.some(s => s.name === state.sensor)) sensor.value = state.sensor;
    state.sensor = sensor.value;
    sensor.addEventListener('change', () => { state.sensor = sensor.value; refreshNow(); });

    const main = $('panels');
    const panels = [...meta.panels].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    for (const p of panels) {
      const title = element('h2', { title: p.description }, p.title);
      if (p.unit) title.append(' ', element('span', { class: 'unit', text: `(${p.unit})` }));
      const body = element('div', { class: 'body' }, element('div', { class: 'note', text: 'loading' }));
      main.append(element('section', { class: `panel ${layout[p.id] || 'w4'}`, 'data-panel': p.id, 'data-state': 'loading' }, title, body));
    }
    window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
  }

  function markRange() {
    for (const b of $('ranges').querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.range === state.range));
  }

  // Pumps: new pumps are chosen while no more than ten are; the choice survives refreshes.
  function updatePumps(meta) {
    if (state.chosen === null) {
      const asked = params.getAll('pump');
      state.chosen = new Set(asked.length ? asked : meta.pumps.slice(0, 10));
    } else {
      for (const p of meta.pumps) if (!state.known.has(p) && state.chosen.size < 10) state.chosen.add(p);
    }
    state.known = new Set(meta.pumps);
    const box = $('pumps');
    const shown = [...box.querySelectorAll('input')].map(i => i.value);
    if (shown.join('\u0000') === meta.pumps.join('\u0000')) return;
    box.replaceChildren(element('legend', { text: 'Pumps' }));
    for (const pump of meta.pumps) {
      const input = element('input', { type: 'checkbox', value: pump, 'data-pump': pump });
      input.checked = state.chosen.has(pump);
      input.addEventListener('change', () => {
        if (input.checked) state.chosen.add(pump); else state.chosen.delete(pump);
        refreshNow();
      });
      const swatch = element('span', { class: 'swatch' });
      swatch.style.background = colourOf(pump);
      box.append(element('label', {}, input, swatch, pump));
    }
    const all = element('button', { type: 'button', text: 'all' });
    all.addEventListener('click', () => { meta.pumps.forEach(p => state.chosen.add(p)); box.querySelectorAll('input').forEach(i => { i.checked = true; }); refreshNow(); });
    const none = element('button', { type: 'button', text: 'none' });
    none.addEventListener('click', () => { state.chosen.clear(); box.querySelectorAll('input').forEach(i => { i.checked = false; }); refreshNow(); });
    box.append(all, none);
  }

  // ---- refresh loop ----

  function schedule() {
    clearTimeout(state.timer);
    if (state.refresh > 0) state.timer = setTimeout(refresh, state.refresh * 1000);
  }

  function refreshNow() {
    clearTimeout(state.timer);
    refresh();
  }

  async function refresh() {
    if (state.running) { state.again = true; return; }
    state.running = true;
    try {
      const meta = await getJson('api/meta');
      state.meta = meta;
      updatePumps(meta);
      $('counts').textContent = `${meta.readings.toLocaleString('en')} readings, ${meta.windows.toLocaleString('en')} windows, ${meta.alerts} alert events, ${meta.quarantined} quarantined`
        + (meta.last_ms === null ? '' : `; data ${utc(meta.first_ms)} to ${utc(meta.last_ms)}`);
      const status = $('status');
      status.className = `status${meta.live ? ' live' : ''}`;
      status.textContent = meta.live ? 'live' : '';
      await Promise.all(meta.panels.map(p => loadPanel(p)));
    } catch (e) {
      const status = $('status');
      status.className = 'status down';
      status.textContent = state.meta && state.meta.live
        ? 'the server has stopped (the demo ended): pumpwatch dashboard --db FILE shows the store again'
        : `cannot reach the server: ${e.message}`;
    } finally {
      state.running = false;
      state.refreshes++;
      document.body.dataset.refreshes = String(state.refreshes);
      if (state.again) { state.again = false; refresh(); } else schedule();
    }
  }

  async function loadPanel(panel) {
    const section = document.querySelector(`section[data-panel="${panel.id}"]`);
    if (!section) return;
    const body = section.querySelector('.body');
    const note = body.querySelector('.note');
    const pumps = [...state.chosen];
    if (panel.uses_pumps && pumps.length === 0) {
      show(section, panel, null, 'empty', 'no pump chosen');
      return;
    }
    const query = new URLSearchParams({ range: state.range, sensor: state.sensor });
    // Every pump chosen: no pump list, so the server reads without a per-row pump test.
    if (panel.uses_pumps && pumps.length < state.meta.pumps.length) pumps.forEach(p => query.append('pump', p));
    try {
      const data = await getJson(`api/panels/${panel.id}?${query}`);
      const rows = Object.values(data.queries).reduce((n, q) => n + q.rows.length, 0);
      show(section, panel, data, rows > 0 ? 'data' : 'empty', rows > 0 ? '' : 'no data in this range');
    } catch (e) {
      note.textContent = e.message;
      section.dataset.state = 'error';
    }
  }

  function show(section, panel, data, status, message) {
    section.dataset.state = status;
    const body = section.querySelector('.body');
    body.querySelector('.note').textContent = message;
    const render = renderers[panel.type === 'stat' ? 'stat' : panel.type === 'table' ? 'table' : panel.id];
    if (render) render(body, data, panel);
  }

  // ---- renderers, one per panel ----

  function chartIn(body, id) {
    let holder = body.querySelector('.chart');
    if (!holder) {
      holder = element('div', { class: 'chart' });
      body.prepend(holder);
    }
    if (!charts[id]) charts[id] = echarts.init(holder, 'dark', { renderer: 'canvas' });
    return charts[id];
  }

  const base = () => ({
    backgroundColor: 'transparent', animation: false, useUTC: true,
    grid: { left: 56, right: 16, top: 34, bottom: 28 },
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 4, textStyle: { color: '#ccccdc' } },
  });
  // Day boundaries read as dates ("May 1"), not as a month name alone.
  const timeAxis = () => ({ type: 'time', axisLabel: { hideOverlap: true, formatter: { year: '{yyyy}', month: '{MMM} {d}', day: '{MMM} {d}', hour: '{HH}:{mm}', minute: '{HH}:{mm}', second: '{HH}:{mm}:{ss}' } } });

  function rowsOf(data, ref) {
    if (!data) return { columns: [], rows: [] };
    const q = data.queries[ref];
    const at = name => q.columns.indexOf(name);
    return { rows: q.rows, at };
  }

  function groupByPump(rows, at, x, y) {
    const groups = new Map();
    for (const r of rows) {
      const pump = r[at('pump_id')];
      if (!groups.has(pump)) groups.set(pump, []);
      groups.get(pump).push([r[at(x)], r[at(y)]]);
    }
    return [...groups.entries()].sort((a, b) => byPump(a[0], b[0]));
  }

  const renderers = {
    sensor_readings(body, data) {
      const chart = chartIn(body, 'sensor_readings');
      const { rows, at } = rowsOf(data, 'A');
      const sensor = state.meta.sensors.find(s => s.name === state.sensor);
      const option = base();
      option.xAxis = timeAxis();
      option.yAxis = { type: 'value', scale: true, name: sensor ? sensor.unit : '', nameTextStyle: { align: 'left' } };
      option.series = data ? groupByPump(rows, at, 'time_ms', 'value').map(([pump, points]) => ({
        name: pump, type: 'line', showSymbol: false, data: points, color: colourOf(pump), lineStyle: { width: 1.5 },
      })) : [];
      chart.setOption(option, { notMerge: true });
    },

    temperature_vs_pressure(body, data) {
      const chart = chartIn(body, 'temperature_vs_pressure');
      const { rows, at } = rowsOf(data, 'A');
      const points = flag => data ? rows.filter(r => r[at('anomaly')] === flag).map(r => [r[at('pressure')], r[at('temperature')], r[at('pump_id')], r[at('time_ms')]]) : [];
      const option = base();
      option.tooltip = { trigger: 'item', formatter: p => `pump ${p.value[2]} at ${utc(p.value[3])}<br>pressure ${num(p.value[0])} psi, temperature ${num(p.value[1])} degC` };
      option.xAxis = { type: 'value', scale: true, name: 'pressure (psi)', nameLocation: 'middle', nameGap: 20 };
      option.yAxis = { type: 'value', scale: true, name: 'temperature (degC)', nameTextStyle: { align: 'left' } };
      option.grid = { left: 56, right: 16, top: 34, bottom: 40 };
      option.legend.right = 8;
      option.series = [
        { name: 'normal', type: 'scatter', symbolSize: 3, data: points(false), color: '#5794f2', large: true },
        { name: 'anomalous', type: 'scatter', symbolSize: 5, data: points(true), color: '#f2495c' },
      ];
      chart.setOption(option, { notMerge: true });
    },

    anomalies_per_pump(body, data) {
      const chart = chartIn(body, 'anomalies_per_pump');
      const { rows, at } = rowsOf(data, 'A');
      const sorted = data ? [...rows].sort((a, b) => byPump(a[at('pump_id')], b[at('pump_id')])) : [];
      const option = base();
      option.tooltip = { trigger: 'axis', axisPointer: { type: 'shadow' } };
      option.legend.show = false;
      option.grid = { left: 56, right: 16, top: 16, bottom: 40 };
      option.xAxis = { type: 'category', data: sorted.map(r => r[at('pump_id')]), name: 'pump', nameLocation: 'middle', nameGap: 22 };
      option.yAxis = { type: 'value', minInterval: 1 };
      option.series = [{
        name: 'anomalous windows', type: 'bar',
        data: sorted.map(r => ({ value: r[at('anomalous_windows')], itemStyle: { color: colourOf(r[at('pump_id')]) } })),
      }];
      chart.setOption(option, { notMerge: true });
    },

    anomaly_score(body, data) {
      const chart = chartIn(body, 'anomaly_score');
      const { rows, at } = rowsOf(data, 'A');
      const markers = rowsOf(data, 'B');
      const option = base();
      option.xAxis = timeAxis();
      option.yAxis = { type: 'value', scale: true, name: 'score', nameTextStyle: { align: 'left' } };
      const threshold = new Map();
      for (const r of data ? rows : []) threshold.set(r[at('time_ms')], Math.max(threshold.get(r[at('time_ms')]) ?? -Infinity, r[at('threshold')]));
      option.series = data ? groupByPump(rows, at, 'time_ms', 'score').map(([pump, points]) => ({
        name: pump, type: 'line', showSymbol: false, data: points, color: colourOf(pump), lineStyle: { width: 1.5 },
      })) : [];
      if (data) {
        option.series.push({
          name: 'threshold', type: 'line', step: 'end', showSymbol: false, color: '#f2495c', lineStyle: { type: 'dashed', width: 1 },
          data: [...threshold.entries()].sort((a, b) => a[0] - b[0]),
        });
        option.series.push({
          name: 'alerts', type: 'scatter', symbol: 'triangle', symbolSize: 11, color: '#ff780a', z: 5,
          tooltip: { trigger: 'item', formatter: p => `alert ${p.value[3]} (${p.value[4]}) pump ${p.value[2]}<br>${utc(p.value[0])}, score ${num(p.value[1])}` },
          data: markers.rows.map(r => [r[markers.at('time_ms')], r[markers.at('score')], r[markers.at('pump_id')], r[markers.at('event')], r[markers.at('severity')]]),
        });
      }
      chart.setOption(option, { notMerge: true });
    },

    readings_per_second(body, data) {
      const chart = chartIn(body, 'readings_per_second');
      const { rows, at } = rowsOf(data, 'A');
      const option = base();
      option.legend.show = false;
      option.xAxis = timeAxis();
      option.yAxis = { type: 'value', name: 'readings/s', nameTextStyle: { align: 'left' } };
      option.series = [{ name: 'readings/s', type: 'line', showSymbol: false, areaStyle: { opacity: 0.2 }, color: '#73bf69',
        data: data ? rows.map(r => [r[at('time_ms')], r[at('readings_per_second')]]) : [] }];
      chart.setOption(option, { notMerge: true });
    },

    windows_scored(body, data) {
      const chart = chartIn(body, 'windows_scored');
      const { rows, at } = rowsOf(data, 'A');
      const option = base();
      option.xAxis = timeAxis();
      option.yAxis = { type: 'value', minInterval: 1 };
      const series = (name, column, colour) => ({ name, type: 'line', stack: 'windows', showSymbol: false, areaStyle: { opacity: 0.3 }, color: colour,
        data: data ? rows.map(r => [r[at('time_ms')], r[at(column)]]) : [] });
      option.series = [series('scored', 'scored', '#5794f2'), series('not scored', 'not_scored', '#8e8e9e')];
      chart.setOption(option, { notMerge: true });
    },

    quarantined_by_reason(body, data) {
      const chart = chartIn(body, 'quarantined_by_reason');
      const { rows, at } = rowsOf(data, 'A');
      const option = base();
      option.legend.show = false;
      option.tooltip = { trigger: 'axis', axisPointer: { type: 'shadow' } };
      option.grid = { left: 130, right: 24, top: 12, bottom: 28 };
      const sorted = data ? [...rows].reverse() : [];
      option.yAxis = { type: 'category', data: sorted.map(r => r[at('reason')]) };
      option.xAxis = { type: 'value', minInterval: 1 };
      option.series = [{ name: 'quarantined', type: 'bar', color: '#ff780a', data: sorted.map(r => r[at('quarantined')]) }];
      chart.setOption(option, { notMerge: true });
    },

    // The tutorial's KPIs: each pump's newest value of each sensor, outlined red outside its normal range.
    stat(body, data) {
      let grid = body.querySelector('.kpis');
      if (!grid) { grid = element('div', { class: 'kpis' }); body.prepend(grid); }
      grid.replaceChildren();
      if (!data) return;
      const { rows, at } = rowsOf(data, 'A');
      for (const r of [...rows].sort((a, b) => byPump(a[at('pump_id')], b[at('pump_id')]))) {
        const pump = r[at('pump_id')];
        grid.append(element('div', { class: 'pump', title: `newest reading ${utc(r[at('time_ms')])}` }, `pump ${pump}`));
        for (const s of state.meta.sensors) {
          const v = r[at(s.name)];
          const out = v !== null && (v < s.normal_min || v > s.normal_max);
          grid.append(element('div', { class: `kpi${out ? ' out' : ''}`, 'data-pump': pump, 'data-sensor': s.name },
            element('div', { class: 'name', text: s.name.replace('_', ' ') }),
            element('div', { class: 'value', text: `${num(v)} ` }, element('span', { class: 'range', text: s.unit })),
            element('div', { class: 'range', text: `normal ${s.normal_min}-${s.normal_max}` })));
        }
      }
    },

    // The alert list, newest first, with each alert's explanation as the pipeline wrote it.
    table(body, data) {
      let holder = body.querySelector('.table');
      if (!holder) { holder = element('div', { class: 'table' }); body.prepend(holder); }
      holder.replaceChildren();
      if (!data) return;
      const { rows, at } = rowsOf(data, 'A');
      if (rows.length === 0) return;
      const head = element('tr', {}, ...['time (window end)', 'pump', 'event', 'severity', 'score / threshold', 'explanation'].map(h => element('th', { text: h })));
      const table = element('table', {}, element('thead', {}, head));
      const tbody = element('tbody');
      for (const r of rows) {
        const text = (r[at('text')] || '').trimEnd().split('\n');
        const severity = r[at('event')] === 'resolved' || r[at('event')] === 'pump_resumed' ? 'resolved' : r[at('severity')];
        tbody.append(element('tr', { 'data-alert': r[at('alert_id')], 'data-pump': r[at('pump_id')] },
          element('td', { text: utc(r[at('time_ms')]) }),
          element('td', { text: r[at('pump_id')] }),
          element('td', { text: r[at('event')] }),
          element('td', {}, element('span', { class: `sev ${severity}`, text: r[at('severity')] })),
          element('td', { text: r[at('score')] === null ? 'n/a' : `${num(r[at('score')])} / ${num(r[at('threshold')])}` }),
          element('td', {}, element('div', { text: text[0] }), element('pre', { text: text.slice(1).join('\n') }))));
      }
      table.append(tbody);
      holder.append(table);
    },
  };

  async function start() {
    try {
      const meta = await getJson('api/meta');
      state.meta = meta;
      if (!meta.ranges.includes(state.range)) state.range = 'all';
      buildFrame(meta);
    } catch (e) {
      $('status').className = 'status down';
      $('status').textContent = `cannot reach the server: ${e.message}`;
      return;
    }
    refresh();
  }

  start();
})();
