// PumpWatch backtest report: draws one score timeline per pump from the JSON embedded in the page, with the labelled
// fault intervals shaded and the opened alerts marked. <body data-rendered> counts the charts drawn.
'use strict';

(() => {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const holder = document.getElementById('charts');
  const utc = ms => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const faultColours = ['rgba(207, 34, 46, 0.16)', 'rgba(191, 135, 0, 0.18)', 'rgba(130, 80, 223, 0.16)', 'rgba(9, 105, 218, 0.14)'];
  const kinds = [...new Set(data.pumps.flatMap(p => p.faults.map(f => f.kind)))].sort();
  const end = data.pumps.reduce((m, p) => Math.max(m, p.times.length ? p.times[p.times.length - 1] : 0), 0);
  let drawn = 0;

  for (const pump of data.pumps) {
    const title = document.createElement('div');
    title.className = 'timeline-title';
    const faults = pump.faults.map(f => `${f.kind}${f.sensor ? ` (${f.sensor})` : ''} ${f.detected ? `detected after ${f.delay_minutes.toFixed(1)} min` : 'missed'}`);
    title.textContent = `pump ${pump.pump_id}` + (faults.length ? `: ${faults.join('; ')}` : ': no labelled fault') + `; ${pump.alerts.length} alert(s) opened`;
    const chart = document.createElement('div');
    chart.className = 'timeline';
    chart.dataset.pump = pump.pump_id;
    holder.append(title, chart);

    const instance = echarts.init(chart, null, { renderer: 'canvas' });
    const scores = pump.times.map((t, i) => [t, pump.scores[i]]);
    const thresholds = pump.times.map((t, i) => [t, pump.thresholds[i]]);
    instance.setOption({
      animation: false, useUTC: true,
      grid: { left: 56, right: 20, top: 30, bottom: 28 },
      legend: { top: 4, right: 8, data: ['score', 'threshold', 'alerts'] },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'time', axisLabel: { hideOverlap: true, formatter: { year: '{yyyy}', month: '{MMM} {d}', day: '{MMM} {d}', hour: '{HH}:{mm}', minute: '{HH}:{mm}', second: '{HH}:{mm}:{ss}' } } },
      yAxis: { type: 'value', scale: true, name: 'score', nameTextStyle: { align: 'left' } },
      series: [
        {
          name: 'score', type: 'line', showSymbol: false, data: scores, color: '#0969da', lineStyle: { width: 1.2 },
          markArea: {
            silent: false,
            label: { position: 'insideTop', color: '#57606a', fontSize: 11 },
            data: pump.faults.map(f => [
              { name: f.kind + (f.detected ? '' : ' (missed)'), xAxis: f.start_ms, itemStyle: { color: faultColours[kinds.indexOf(f.kind) % faultColours.length] } },
              { xAxis: f.end_ms === null ? Math.max(end, f.start_ms) : f.end_ms },
            ]),
          },
        },
        { name: 'threshold', type: 'line', step: 'end', showSymbol: false, data: thresholds, color: '#cf222e', lineStyle: { type: 'dashed', width: 1 } },
        {
          name: 'alerts', type: 'scatter', symbol: 'triangle', symbolSize: 11, color: '#bf8700', z: 5,
          tooltip: { trigger: 'item', formatter: p => `alert ${p.data.id}<br>${utc(p.value[0])}, score ${p.value[1].toFixed(3)}, ${p.data.severity}${p.data.false ? ', overlaps no labelled fault' : ''}` },
          data: pump.alerts.map(a => ({ value: [a.time_ms, a.score], id: a.alert_id, severity: a.severity, false: a.false, itemStyle: a.false ? { color: '#8c959f' } : undefined })),
        },
      ],
    });
    drawn++;
  }

  window.addEventListener('resize', () => holder.querySelectorAll('.timeline').forEach(c => echarts.getInstanceByDom(c).resize()));
  document.body.dataset.rendered = String(drawn);
})();
