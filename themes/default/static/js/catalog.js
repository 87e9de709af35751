/* catalog.js — the combined filter of the data resource catalog
 * (数据资源目录, docs/catalog.md).  The catalog's pages filter without it:
 * every 提供部门 and 主题 is a static page.  This script only adds what
 * static pages cannot: a department, a topic and keywords at once.
 *
 * Contract with partials/catalog-nav.mustache: the form #catalog-filter
 * (hidden until this script shows it) carries data-json (the URL of
 * /data/catalog.json from this page), data-root (the site root from this
 * page) and data-base (site.yaml base_url, which begins every landingPage);
 * #catalog-dept, #catalog-topic, #catalog-q are its fields, #catalog-status
 * the live region, #catalog-results the list of matches shown in place of
 * the page's own list #catalog-list.  The state is kept in the address
 * (?dept=&topic=&q=) so a filtered view can be shared.
 *
 * Runs under `Content-Security-Policy: default-src 'self'`: no inline code,
 * no eval, text set with textContent only (catalog values are never HTML). */
(function () {
  'use strict';
  var form = document.getElementById('catalog-filter');
  if (!form || !window.fetch || !window.URL || !window.history) return;
  var dept = document.getElementById('catalog-dept');
  var topic = document.getElementById('catalog-topic');
  var q = document.getElementById('catalog-q');
  var status = document.getElementById('catalog-status');
  var results = document.getElementById('catalog-results');
  var list = document.getElementById('catalog-list');
  var root = new URL(form.getAttribute('data-root') || '/', window.location.href);
  var base = form.getAttribute('data-base') || '';
  var catalog = null; /* the promise of catalog.json's datasets */

  function datasets() {
    if (!catalog) {
      catalog = fetch(new URL(form.getAttribute('data-json'), window.location.href).href)
        .then(function (r) {
          if (!r.ok) throw new Error('HTTP ' + r.status);
          return r.json();
        })
        .then(function (c) { return c.dataset || []; });
    }
    return catalog;
  }

  /* landingPage is a permalink (base_url + path): the same page on this
   * host, wherever the site is served from. */
  function pageHref(landing) {
    if (base && landing.indexOf(base) === 0) return new URL(landing.slice(base.length), root).href;
    return landing;
  }

  function words(s) {
    return s.toLowerCase().split(/\s+/).filter(function (w) { return w !== ''; });
  }

  function matches(d, want) {
    if (want.dept && !(d.publisher && d.publisher.name === want.dept)) return false;
    if (want.topic && (d.theme || []).indexOf(want.topic) < 0) return false;
    var text = ((d.title || '') + '\n' + (d.description || '')).toLowerCase();
    return want.words.every(function (w) { return text.indexOf(w) >= 0; });
  }

  function item(d) {
    var li = document.createElement('li');
    li.className = 'item';
    var main = document.createElement('span');
    main.className = 'item-main';
    var a = document.createElement('a');
    a.className = 'item-title';
    a.href = pageHref(d.landingPage || '');
    a.textContent = d.title || '';
    main.appendChild(a);
    if (d.publisher && d.publisher.name) {
      var dep = document.createElement('span');
      dep.className = 'item-docno';
      dep.textContent = d.publisher.name;
      main.appendChild(document.createTextNode(' '));
      main.appendChild(dep);
    }
    li.appendChild(main);
    if (d.issued) {
      var t = document.createElement('time');
      t.className = 'item-date';
      t.setAttribute('datetime', d.issued);
      t.textContent = d.issued;
      li.appendChild(document.createTextNode(' '));
      li.appendChild(t);
    }
    return li;
  }

  function keepInAddress(want) {
    var u = new URL(window.location.href);
    ['dept', 'topic', 'q'].forEach(function (k) { u.searchParams.delete(k); });
    if (want.dept) u.searchParams.set('dept', want.dept);
    if (want.topic) u.searchParams.set('topic', want.topic);
    if (want.q) u.searchParams.set('q', want.q);
    window.history.replaceState(null, '', u.href);
  }

  function showAll() {
    results.hidden = true;
    results.textContent = '';
    if (list) list.hidden = false;
    status.textContent = '';
  }

  var generation = 0; /* a slower earlier answer never overwrites a later one */
  function apply() {
    var want = { dept: dept.value, topic: topic.value, q: q.value.trim() };
    want.words = words(want.q);
    keepInAddress(want);
    var mine = ++generation;
    if (!want.dept && !want.topic && want.words.length === 0) {
      showAll();
      return;
    }
    datasets().then(function (all) {
      if (mine !== generation) return;
      var found = all.filter(function (d) { return matches(d, want); });
      results.textContent = '';
      found.forEach(function (d) { results.appendChild(item(d)); });
      results.hidden = found.length === 0;
      if (list) list.hidden = true;
      status.textContent = found.length ? '共有 ' + found.length + ' 项数据资源符合条件。' : '没有符合条件的数据资源，请调整筛选条件。';
    }, function () {
      if (mine !== generation) return;
      showAll();
      status.textContent = '目录数据暂时无法加载，请使用上方的部门和主题链接浏览。';
    });
  }

  /* a value from the address only when it is one of the choices */
  function choose(select, value) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) {
        select.value = value;
        return;
      }
    }
  }

  var params = new URL(window.location.href).searchParams;
  choose(dept, params.get('dept') || '');
  choose(topic, params.get('topic') || '');
  q.value = (params.get('q') || '').slice(0, 100);
  form.hidden = false;
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    apply();
  });
  dept.addEventListener('change', apply);
  topic.addEventListener('change', apply);
  q.addEventListener('input', apply);
  if (dept.value || topic.value || q.value) apply();
})();
