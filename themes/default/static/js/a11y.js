/* a11y.js — the default theme's 适老化 / 无障碍 settings and article tools.
 *
 * The settings live on <html> as data attributes, which site.css styles:
 *   data-a11y="elder"       适老化模式 on (the toolbar shows, spacing grows)
 *   data-font-size="s|l|xl" 字号 小 / 大 / 特大 (中 is no attribute)
 *   data-contrast="high"    高对比度 scheme
 *   data-cursor="large"     大鼠标
 * and are remembered in localStorage (key "govpub-a11y"), so every page of
 * the site opens with them.  This file is loaded in <head> without defer:
 * it sets the attributes before the first paint (no flash of the normal
 * look), then wires the controls once the document is parsed.  Controls
 * carry the `hidden` attribute in the HTML and are revealed here, so a
 * reader without JavaScript sees no button that would do nothing; the
 * pages read the same without it.  No inline script or style anywhere
 * (the site runs under Content-Security-Policy: default-src 'self').
 *
 * Controls (see themes/default/layouts/partials/header.mustache and
 * article-header.mustache):
 *   #a11y-toggle                适老化模式 on/off (on: 大 font, 大鼠标)
 *   [data-font-size-set=s|m|l|xl]  a font-size step
 *   #a11y-contrast, #a11y-cursor    高对比度 / 大鼠标 on/off
 *   .print-button               打印 (the print stylesheet does the rest)
 *   [data-a11y-control]         any element to reveal when scripts run */
(function () {
  'use strict';

  var KEY = 'govpub-a11y';
  var FIELDS = ['a11y', 'fontSize', 'contrast', 'cursor'];
  var root = document.documentElement;

  function load() {
    try {
      var s = JSON.parse(window.localStorage.getItem(KEY) || '{}');
      return s && typeof s === 'object' ? s : {};
    } catch (e) {
      return {};
    }
  }

  function save(s) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(s));
    } catch (e) {
      /* storage refused (private mode, quota): the setting lasts this page */
    }
  }

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function press(el, on) {
    el.setAttribute('aria-pressed', on ? 'true' : 'false');
  }

  /* Puts the settings on <html> and, once the controls exist, shows their
   * state: aria-pressed on every button, the toolbar only in 适老化模式. */
  function apply(s) {
    FIELDS.forEach(function (f) {
      if (s[f]) root.dataset[f] = s[f];
      else delete root.dataset[f];
    });
    var toggle = document.getElementById('a11y-toggle');
    if (!toggle) return;
    press(toggle, s.a11y === 'elder');
    each('#a11y-bar', function (bar) { bar.hidden = s.a11y !== 'elder'; });
    each('[data-font-size-set]', function (b) {
      press(b, (s.fontSize || 'm') === b.getAttribute('data-font-size-set'));
    });
    each('#a11y-contrast', function (b) { press(b, s.contrast === 'high'); });
    each('#a11y-cursor', function (b) { press(b, s.cursor === 'large'); });
  }

  function change(fn) {
    var s = load();
    fn(s);
    save(s);
    apply(s);
  }

  function on(selector, fn) {
    each(selector, function (el) { el.addEventListener('click', fn); });
  }

  function wire() {
    each('[data-a11y-control]', function (el) { el.hidden = false; });
    on('#a11y-toggle', function () {
      change(function (s) {
        var entering = s.a11y !== 'elder';
        FIELDS.forEach(function (f) { delete s[f]; });
        if (entering) {
          s.a11y = 'elder';
          s.fontSize = 'l';
          s.cursor = 'large';
        }
      });
    });
    on('[data-font-size-set]', function (e) {
      var step = e.currentTarget.getAttribute('data-font-size-set');
      change(function (s) {
        if (step === 'm') delete s.fontSize;
        else s.fontSize = step;
      });
    });
    on('#a11y-contrast', function () {
      change(function (s) {
        if (s.contrast) delete s.contrast;
        else s.contrast = 'high';
      });
    });
    on('#a11y-cursor', function () {
      change(function (s) {
        if (s.cursor) delete s.cursor;
        else s.cursor = 'large';
      });
    });
    on('.print-button', function () { window.print(); });
    apply(load());
  }

  apply(load());
  /* another tab changed the settings: follow it */
  window.addEventListener('storage', function (e) {
    if (e.key === KEY) apply(load());
  });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire);
  else wire();
})();
