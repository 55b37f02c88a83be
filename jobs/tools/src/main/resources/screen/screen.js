// The festival screen: polls the JSON endpoints every second and redraws. Money arrives as fen
// and as the server's formatted yuan; a changed GMV counts up to its new value, then shows the
// server's text exactly.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const CAMPAIGN_COLORS = ['#ff2d55', '#4aa8ff', '#ffc23d', '#37d399', '#a78bfa', '#ff9425'];
  const KIND_COLORS = { INSTANT: '#4aa8ff', POST_EVENT: '#ffc23d', CLAWBACK: '#ff2d55' };
  const state = {
    selected: new URLSearchParams(location.search).get('campaign'),
    shown: new Map(), // campaign id -> the GMV (BigInt fen) the card counts toward
    charts: {},
  };

  /** Fen as yuan, as the server's Money.yuan prints it. */
  function yuan(fen) {
    const negative = fen < 0n;
    const a = negative ? -fen : fen;
    const whole = (a / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (negative ? '-' : '') + whole + '.' + (a % 100n).toString().padStart(2, '0');
  }

  const count = (n) => Number(n).toLocaleString('en-US');

  function duration(ms) {
    const s = Math.floor(ms / 1000);
    if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
    if (s < 86400) return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
    return count(Math.floor(s / 86400)) + ' days ' + Math.floor((s % 86400) / 3600) + ' h';
  }

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  async function get(path) {
    const r = await fetch(path, { cache: 'no-store' });
    const body = await r.json().catch(() => null);
    if (!r.ok) throw new Error((body && body.error) || 'HTTP ' + r.status + ' from ' + path);
    return body;
  }

  // ---- campaigns: one card each, with the big number ----

  function card(c, index) {
    let e = document.querySelector('.campaign[data-campaign="' + CSS.escape(c.id) + '"]');
    if (e) return e;
    e = el('article', 'campaign');
    e.dataset.campaign = c.id;
    e.style.borderColor = CAMPAIGN_COLORS[index % CAMPAIGN_COLORS.length] + '66';
    const title = el('div', 'title');
    title.append(el('span', 'name'), el('span', 'id', c.id), el('span', 'status'));
    const amount = el('div', 'amount');
    amount.append(el('span', 'currency', '¥'), el('span', 'gmv'));
    e.append(title, amount, el('div', 'meta'));
    $('campaigns').append(e);
    return e;
  }

  function meta(label, value) {
    const s = el('span', null, label + ' ');
    s.append(el('b', null, value));
    return s;
  }

  function renderCampaigns(campaigns) {
    document.documentElement.style.setProperty('--n', Math.max(1, campaigns.length));
    const ids = new Set(campaigns.map((c) => c.id));
    document.querySelectorAll('.campaign').forEach((e) => {
      if (!ids.has(e.dataset.campaign)) e.remove();
    });
    campaigns.forEach((c, i) => {
      const e = card(c, i);
      e.querySelector('.name').textContent = c.name;
      const status = e.querySelector('.status');
      status.textContent = c.status;
      status.className = 'status ' + c.status;
      setGmv(e.querySelector('.gmv'), c);
      const m = e.querySelector('.meta');
      m.replaceChildren(
        meta('streamers', count(c.streamers)),
        meta('eligible', count(c.eligible)),
        meta('rewarded', count(c.rewarded)),
        meta('paid ¥', c.paidYuan),
        meta('refunded ¥', c.refundedYuan),
        meta('incentives ¥', c.rewardYuan));
    });
  }

  function setGmv(target, c) {
    const to = BigInt(c.gmvFen);
    const from = state.shown.get(c.id);
    state.shown.set(c.id, to);
    if (from === undefined || from === to) {
      target.anim = null;
      target.textContent = c.gmvYuan;
      return;
    }
    const start = performance.now();
    const token = {};
    target.anim = token;
    const step = (now) => {
      if (target.anim !== token) return;
      // A frame's time may precede the start: clamp, or the ease would overshoot below zero.
      const t = Math.min(1, Math.max(0, (now - start) / 900));
      if (t >= 1) {
        target.textContent = c.gmvYuan;
        return;
      }
      const eased = BigInt(Math.round((1 - Math.pow(1 - t, 3)) * 1e6));
      target.textContent = yuan(from + ((to - from) * eased) / 1000000n);
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }

  // ---- charts ----

  const valueLabels = {
    id: 'valueLabels',
    afterDatasetsDraw(chart, args, options) {
      const ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = '#eef1f8';
      ctx.font = '13px "DejaVu Sans", sans-serif';
      chart.data.datasets.forEach((d, i) => {
        chart.getDatasetMeta(i).data.forEach((bar, j) => {
          const v = d.data[j];
          if (v === null || v === undefined) return;
          const text = options.format ? options.format(v, j) : count(v);
          const horizontal = chart.options.indexAxis === 'y';
          ctx.textAlign = horizontal ? 'left' : 'center';
          ctx.textBaseline = horizontal ? 'middle' : 'bottom';
          if (horizontal) ctx.fillText(text, Math.max(bar.x, bar.base) + 6, bar.y);
          else ctx.fillText(text, bar.x, Math.min(bar.y, bar.base) - 4);
        });
      });
      ctx.restore();
    },
  };

  function chart(id, config) {
    if (!window.Chart) return null;
    if (!state.charts[id]) {
      Chart.defaults.color = '#8d96ad';
      Chart.defaults.font.family = '"DejaVu Sans", "Liberation Sans", sans-serif';
      Chart.defaults.borderColor = 'rgba(255,255,255,0.06)';
      state.charts[id] = new Chart($(id), config);
    }
    return state.charts[id];
  }

  function renderFunnel(campaigns) {
    const levels = Math.max(1, ...campaigns.map((c) => c.tiers.length));
    const labels = [];
    for (let t = 0; t < levels; t++) labels.push(t === 0 ? 'all streamers' : 'tier ' + t + '+');
    const f = chart('funnel-chart', {
      type: 'bar',
      data: { labels, datasets: [] },
      options: {
        indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
        layout: { padding: { right: 70 } },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 14 } }, valueLabels: {} },
        scales: { x: { beginAtZero: true, ticks: { callback: (v) => count(v) } }, y: { grid: { display: false } } },
      },
      plugins: [valueLabels],
    });
    if (!f) return;
    f.data.labels = labels;
    f.data.datasets = campaigns.map((c, i) => ({
      label: c.id,
      data: labels.map((_, t) => (c.tiers[t] ? c.tiers[t].reached : null)),
      backgroundColor: CAMPAIGN_COLORS[i % CAMPAIGN_COLORS.length] + 'cc',
      borderRadius: 4,
    }));
    f.update('none');
  }

  /** "-2,500.00" as "-¥2,500.00". */
  const signedYuan = (text) => (text.startsWith('-') ? '-¥' + text.substring(1) : '¥' + text);

  function renderGrants(grants) {
    $('grants').replaceChildren(...grants.map((g) => {
      const tile = el('div', 'tile ' + g.kind);
      tile.dataset.kind = g.kind;
      tile.append(el('div', 'kind', g.kind.replace('_', '-')), el('div', 'yuan', g.rewardYuan),
        el('div', 'count', count(g.grants)));
      return tile;
    }));
    if (grants.length === 0) $('grants').append(el('div', 'tile', 'no grants yet'));
    const g = chart('grants-chart', {
      type: 'bar',
      data: { labels: [], datasets: [{ data: [] }] },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        layout: { padding: { top: 22 } },
        plugins: {
          legend: { display: false },
          valueLabels: { format: (v, j) => signedYuan(grants[j].rewardYuan) },
        },
        scales: { y: { ticks: { callback: (v) => count(v) } }, x: { grid: { display: false } } },
      },
      plugins: [valueLabels],
    });
    if (!g) return;
    g.options.plugins.valueLabels.format = (v, j) => signedYuan(grants[j].rewardYuan);
    g.data.labels = grants.map((x) => x.kind);
    g.data.datasets[0].data = grants.map((x) => x.rewardFen / 100);
    g.data.datasets[0].backgroundColor = grants.map((x) => KIND_COLORS[x.kind] || '#8d96ad');
    g.data.datasets[0].borderRadius = 6;
    g.update('none');
  }

  // ---- rejected, late, unapplied ----

  function bars(list, items) {
    const max = Math.max(1, ...items.map((i) => i.count));
    list.replaceChildren(...items.map((i) => {
      const li = el('li');
      li.dataset.name = i.name;
      const bar = el('div', 'bar');
      const fill = el('i');
      fill.style.width = (100 * i.count / max).toFixed(1) + '%';
      bar.append(fill);
      li.append(el('span', 'name', i.name), el('span', 'count', count(i.count)), bar);
      return li;
    }));
    if (items.length === 0) list.append(el('li', 'none', 'none'));
  }

  function renderQuality(q) {
    bars($('rejected'), q.rejected);
    bars($('late'), q.late);
    $('unapplied').textContent = count(q.unappliedRefunds);
  }

  // ---- the job ----

  function renderJob(job, campaigns) {
    const pill = $('job-state');
    if (!job) {
      pill.textContent = 'job: no status yet';
      pill.className = 'pill';
      return;
    }
    const stale = job.state === 'RUNNING' && job.secondsSinceUpdate > 15;
    pill.textContent = stale ? 'NO UPDATE FOR ' + duration(job.secondsSinceUpdate * 1000).toUpperCase()
      : 'JOB ' + job.state + (job.restarts > 0 ? ' · ' + job.restarts + ' restarts' : '');
    pill.className = 'pill ' + (stale ? 'stale' : job.state.toLowerCase());
    $('job-lag').textContent = job.state !== 'RUNNING' ? '--'
      : job.eventTimeLagMs === null ? 'unknown' : duration(job.eventTimeLagMs);
    $('job-events').textContent = count(job.eventsIn);
    $('job-checkpoint').textContent = job.lastCheckpointId === null ? 'none yet'
      : '#' + job.lastCheckpointId + ', ' + duration(job.secondsSinceCheckpoint * 1000) + ' ago';
    $('job-detail-state').textContent = job.state + (stale ? ' (no update)' : '');
    $('job-watermark').textContent = job.watermarkUtc ? job.watermarkUtc.replace('T', ' ').replace('Z', '') : '--';
    $('job-detail-lag').textContent = $('job-lag').textContent;
    $('job-detail-events').textContent = $('job-events').textContent;
    $('job-detail-checkpoint').textContent = $('job-checkpoint').textContent;
    $('job-restarts').textContent = count(job.restarts);
    $('job-updated').textContent = duration(job.secondsSinceUpdate * 1000) + ' ago';
    $('clock').textContent = job.watermarkLocal || job.watermarkUtc || '--';
    $('clock-zone').textContent = job.watermarkLocal ? '(' + job.timeZone + ')' : job.watermarkUtc ? '(UTC)' : '';
    const settled = campaigns.length > 0 && campaigns.every((c) => c.status === 'SETTLED');
    document.body.classList.toggle('finished', job.state !== 'RUNNING' && settled);
  }

  // ---- the leaders ----

  function pick(campaigns) {
    if (campaigns.some((c) => c.id === state.selected)) return state.selected;
    return campaigns.length ? campaigns[0].id : null;
  }

  function renderTabs(campaigns, selected) {
    const tabs = $('leader-tabs');
    tabs.replaceChildren(...campaigns.map((c) => {
      const b = el('button', c.id === selected ? 'on' : '', c.id);
      b.onclick = () => {
        state.selected = c.id;
        history.replaceState(null, '', '?campaign=' + encodeURIComponent(c.id));
        refresh();
      };
      return b;
    }));
  }

  function renderLeaders(leaders) {
    const body = $('leaders').tBodies[0];
    if (!leaders) {
      body.replaceChildren();
      return;
    }
    body.replaceChildren(...leaders.leaders.map((l) => {
      const tr = el('tr', l.eligible ? '' : 'ineligible');
      tr.dataset.streamer = l.streamer;
      const tier = el('td', 'tier');
      tier.append(el('span', 'tier-badge t' + l.tier, 'T' + l.tier));
      const progress = el('td', 'progress');
      const bar = el('div', 'bar' + (l.nextThresholdFen === null ? ' top' : ''));
      const fill = el('i');
      let label;
      if (l.nextThresholdFen === null) {
        fill.style.width = '100%';
        label = 'top tier';
      } else {
        const pct = Math.min(100, Math.floor((100 * l.gmvFen) / l.nextThresholdFen));
        fill.style.width = pct + '%';
        label = pct + '% of T' + (l.tier + 1) + ' (¥' + l.nextThresholdYuan + ')';
      }
      bar.append(fill, el('span', null, label));
      progress.append(bar);
      tr.append(el('td', 'num rank', l.rank), el('td', 'streamer', l.streamer), el('td', 'num gmv', l.gmvYuan), tier, progress);
      return tr;
    }));
  }

  // ---- the loop ----

  function banner(text) {
    const b = $('banner');
    b.hidden = !text;
    b.textContent = text || '';
  }

  let busy = false;
  async function refresh() {
    if (busy) return;
    busy = true;
    try {
      const [campaigns, grants, quality, job] = await Promise.all([
        get('/api/campaigns'), get('/api/grants'), get('/api/quality'), get('/api/job')]);
      const selected = pick(campaigns);
      const leaders = selected ? await get('/api/leaders?campaign=' + encodeURIComponent(selected)) : null;
      banner(campaigns.length ? null : 'waiting for the job: no campaign in the database yet');
      renderCampaigns(campaigns);
      renderFunnel(campaigns);
      renderGrants(grants);
      renderQuality(quality);
      renderJob(job, campaigns);
      renderTabs(campaigns, selected);
      renderLeaders(leaders);
      document.body.dataset.updated = String(Date.now());
    } catch (e) {
      banner('cannot update: ' + (e.message || e));
    } finally {
      busy = false;
    }
  }

  refresh();
  setInterval(refresh, 1000);
})();
