/* Voxloop feedback widget. A business adds to its site or web app:
     <script src="https://HOST/widget.js" data-workspace="12" data-survey="7312" async></script>
   Attributes: data-host (default: the script's origin), data-trigger ("delay:N" seconds,
   "exit" for exit intent, "manual"), data-position ("corner" or "inline" with data-target, a
   CSS selector), data-language, data-days-after-answer (default 90) and
   data-days-after-dismiss (default 14) for frequency capping in localStorage.
   Page API (calls made before the script loads are queued):
     window.voxloop = window.voxloop || function () { (voxloop.q = voxloop.q || []).push(arguments); };
     voxloop('identify', {external_id: 'C-42', email: 'lan@example.vn', name: 'Lan', attributes: {plan: 'pro'}});
     voxloop('show', {hidden: {order_id: 'A-1001'}, force: true});
     voxloop('hide');
   The survey renders in a shadow DOM (isolated styles), one question per step with the logic
   of survey_logic.js, and posts the finished response as JSON. The corner pop-up is a
   labelled dialog: focus moves in and is trapped while open, Escape closes it. */
(function () {
  'use strict';
  var logic = window.VoxloopLogic;
  var script = document.currentScript;
  if (!logic || !script || window.__voxloopWidgetLoaded) return;
  window.__voxloopWidgetLoaded = true;

  var config = {
    workspace: script.getAttribute('data-workspace') || '',
    survey: script.getAttribute('data-survey') || '',
    host: (script.getAttribute('data-host') || new URL(script.src, location.href).origin).replace(/\/$/, ''),
    trigger: script.getAttribute('data-trigger') || 'delay:5',
    position: script.getAttribute('data-position') || 'corner',
    target: script.getAttribute('data-target') || '',
    language: script.getAttribute('data-language') || (navigator.languages || [navigator.language || 'en'])[0],
    daysAfterAnswer: Number(script.getAttribute('data-days-after-answer') || 90),
    daysAfterDismiss: Number(script.getAttribute('data-days-after-dismiss') || 14)
  };
  var customer = null;
  var widget = null;
  var DAY_MS = 86400000;

  var STYLE = [
    ':host{all:initial}',
    '.vx{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;color:#111827;background:#fff;box-sizing:border-box}',
    '.vx *{box-sizing:border-box}',
    '.vx-corner{position:fixed;right:16px;bottom:16px;width:min(380px,calc(100vw - 32px));max-height:calc(100vh - 32px);overflow:auto;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);padding:16px 16px 12px;z-index:2147483000}',
    '.vx-inline{border:1px solid #d1d5db;border-radius:12px;padding:16px}',
    '.vx-head{display:flex;justify-content:space-between;align-items:flex-start;gap:8px}',
    '.vx-title{font-size:15px;font-weight:600;margin:0 0 8px;color:#374151}',
    '.vx-close{background:none;border:0;font-size:22px;line-height:1;cursor:pointer;color:#374151;min-width:44px;min-height:44px;border-radius:8px}',
    'fieldset{border:0;margin:0;padding:0;min-width:0}',
    'legend,.vx-label{font-size:16px;font-weight:600;margin:0 0 10px;padding:0;display:block}',
    '.vx-scale{display:grid;grid-template-columns:repeat(6,1fr);gap:4px}',
    '.vx-scale.vx-n5{grid-template-columns:repeat(5,1fr)}.vx-scale.vx-n7{grid-template-columns:repeat(7,1fr)}',
    '.vx-opt{position:relative}',
    '.vx-opt input{position:absolute;opacity:0;width:1px;height:1px}',
    '.vx-opt label{display:flex;align-items:center;justify-content:center;min-height:44px;padding:6px 10px;border:1px solid #6b7280;border-radius:8px;cursor:pointer;background:#fff}',
    '.vx-list .vx-opt label{justify-content:flex-start;margin-bottom:6px}',
    '.vx-opt input:checked+label{background:#1d4ed8;border-color:#1d4ed8;color:#fff}',
    '.vx-opt input:focus-visible+label,button:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}',
    '.vx-ends{display:flex;justify-content:space-between;font-size:13px;color:#4b5563;margin-top:4px}',
    'textarea,input[type=text],input[type=email],input[type=tel]{width:100%;font:inherit;padding:8px 10px;border:1px solid #6b7280;border-radius:8px}',
    '.vx-error{color:#b91c1c;font-weight:600;margin:6px 0}',
    '.vx-actions{display:flex;justify-content:space-between;gap:8px;margin-top:14px}',
    '.vx-btn{font:inherit;font-weight:600;min-height:44px;padding:8px 16px;border-radius:8px;border:2px solid #1d4ed8;cursor:pointer}',
    '.vx-primary{background:#1d4ed8;color:#fff;margin-left:auto}.vx-secondary{background:#fff;color:#1d4ed8}',
    '.vx-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap}'
  ].join('\n');

  /* ---- frequency capping ---- */
  function capKey() { return 'voxloop:' + config.workspace + ':' + config.survey; }
  function readCap() {
    try { return JSON.parse(localStorage.getItem(capKey()) || '{}'); } catch (e) { return {}; }
  }
  function writeCap(field) {
    try {
      var cap = readCap();
      cap[field] = Date.now();
      localStorage.setItem(capKey(), JSON.stringify(cap));
    } catch (e) { /* storage blocked: no capping */ }
  }
  function capped() {
    var cap = readCap();
    var now = Date.now();
    return (cap.answered && now - cap.answered < config.daysAfterAnswer * DAY_MS) ||
      (cap.dismissed && now - cap.dismissed < config.daysAfterDismiss * DAY_MS);
  }

  /* ---- DOM helpers: text only through textContent, never innerHTML ---- */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (attrs[name] === true) node.setAttribute(name, '');
      else if (attrs[name] !== false && attrs[name] !== undefined && attrs[name] !== null) node.setAttribute(name, String(attrs[name]));
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function Widget(survey, options) {
    this.survey = survey;
    this.ui = survey.ui || {};
    this.hidden = options.hidden || {};
    this.state = { answers: {}, hidden: this.hidden };
    this.current = logic.first(survey, this.state);
    this.error = '';
    this.returnFocus = document.activeElement;
    this.inline = config.position === 'inline';
    this.mount();
  }

  Widget.prototype.mount = function () {
    var container = this.inline ? document.querySelector(config.target) : document.body;
    if (!container) return;
    this.host = el('div', { 'data-voxloop-widget': config.survey });
    container.appendChild(this.host);
    var shadow = this.host.attachShadow({ mode: 'open' });
    if (shadow.adoptedStyleSheets !== undefined && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
      shadow.adoptedStyleSheets = [sheet];
    } else {
      shadow.appendChild(el('style', {}, [STYLE]));
    }
    this.root = el('div', {
      'class': 'vx ' + (this.inline ? 'vx-inline' : 'vx-corner'),
      role: this.inline ? 'region' : 'dialog',
      'aria-labelledby': 'vx-title',
      lang: this.survey.language
    });
    shadow.appendChild(this.root);
    this.shadow = shadow;
    var self = this;
    this.root.addEventListener('keydown', function (event) { self.onKey(event); });
    this.render();
    if (!this.inline) this.focusFirst();
  };

  Widget.prototype.question = function () {
    for (var i = 0; i < this.survey.questions.length; i++) {
      if (this.survey.questions[i].id === this.current) return this.survey.questions[i];
    }
    return null;
  };

  Widget.prototype.header = function () {
    var self = this;
    var children = [el('p', { 'class': 'vx-title', id: 'vx-title' }, [this.survey.title || ''])];
    if (!this.inline) {
      var close = el('button', { type: 'button', 'class': 'vx-close', 'aria-label': this.ui.close || 'Close' }, ['\u00d7']);
      close.addEventListener('click', function () { self.close(true); });
      children.push(close);
    }
    return el('div', { 'class': 'vx-head' }, children);
  };

  Widget.prototype.choiceInputs = function (q, type, values, labels, srLabels) {
    var answer = this.state.answers[q.id];
    var items = values.map(function (value, i) {
      var id = 'vx-' + q.id + '-' + i;
      var checked = Array.isArray(answer) ? answer.indexOf(value) >= 0 : answer === value;
      return el('div', { 'class': 'vx-opt' }, [
        el('input', { type: type, id: id, name: 'vx-' + q.id, value: String(value), checked: checked }),
        el('label', { 'for': id }, srLabels ? [labels[i], el('span', { 'class': 'vx-sr' }, [srLabels[i]])] : [labels[i]])
      ]);
    });
    return items;
  };

  Widget.prototype.field = function (q) {
    var ui = this.ui;
    var describedBy = this.error ? 'vx-error' : null;
    if (q.type === 'short_text' || q.type === 'long_text') {
      var input = q.type === 'long_text'
        ? el('textarea', { id: 'vx-input', rows: 4, maxlength: q.max_length || 5000, 'aria-describedby': describedBy, 'aria-invalid': this.error ? 'true' : null })
        : el('input', { id: 'vx-input', type: q.format === 'email' ? 'email' : q.format === 'phone' ? 'tel' : 'text', maxlength: q.max_length || 500, 'aria-describedby': describedBy, 'aria-invalid': this.error ? 'true' : null });
      input.value = this.state.answers[q.id] || '';
      return el('div', {}, [el('label', { 'class': 'vx-label', 'for': 'vx-input' }, [q.text]), this.errorNode(), input]);
    }
    if (q.type === 'consent') {
      var box = el('input', { type: 'checkbox', id: 'vx-input', checked: this.state.answers[q.id] === true });
      return el('div', {}, [this.errorNode(), el('div', { 'class': 'vx-opt vx-list' }, [box, el('label', { 'for': 'vx-input' }, [q.text])])]);
    }
    var values = [], labels = [], srLabels = null, type = 'radio', layout = 'vx-list';
    if (q.min !== undefined && q.max !== undefined && (q.type === 'nps' || q.type === 'csat' || q.type === 'ces' || q.type === 'rating')) {
      for (var n = q.min; n <= q.max; n++) { values.push(n); labels.push(String(n)); }
      layout = 'vx-scale vx-n' + values.length;
      if (q.style === 'stars') {
        labels = values.map(function () { return '\u2605'; });
        srLabels = values.map(function (v) { return String(v) + '/' + q.max; });
      }
    } else if (q.type === 'yes_no') {
      values = [true, false];
      labels = [ui.yes || 'Yes', ui.no || 'No'];
    } else {
      values = (q.options || []).map(function (o) { return o.id; });
      labels = (q.options || []).map(function (o) { return o.label; });
      if (q.type === 'multiple_choice') type = 'checkbox';
    }
    var children = [el('legend', {}, [q.text])];
    if (q.help) children.push(el('p', { 'class': 'vx-ends' }, [q.help]));
    children.push(this.errorNode());
    children.push(el('div', { 'class': layout }, this.choiceInputs(q, type, values, labels, srLabels)));
    if (q.labels) children.push(el('div', { 'class': 'vx-ends', 'aria-hidden': 'true' }, [el('span', {}, [q.labels.low || '']), el('span', {}, [q.labels.high || ''])]));
    return el('fieldset', { 'aria-describedby': describedBy }, children);
  };

  Widget.prototype.errorNode = function () {
    return this.error ? el('p', { 'class': 'vx-error', id: 'vx-error', role: 'alert' }, [this.error]) : el('span', {});
  };

  /* Reads the current step's answer from the form. */
  Widget.prototype.readAnswer = function (q) {
    var root = this.root;
    if (q.type === 'short_text' || q.type === 'long_text') {
      var text = root.querySelector('#vx-input').value.trim();
      return text === '' ? null : text;
    }
    if (q.type === 'consent') return root.querySelector('#vx-input').checked;
    var checked = Array.prototype.slice.call(root.querySelectorAll('input:checked')).map(function (i) { return i.value; });
    if (q.type === 'multiple_choice') return checked.length ? checked : null;
    if (checked.length === 0) return null;
    if (q.type === 'yes_no') return checked[0] === 'true';
    if (q.type === 'single_choice') return checked[0];
    return Number(checked[0]);
  };

  Widget.prototype.render = function () {
    var self = this;
    var q = this.question();
    this.root.textContent = '';
    this.root.appendChild(this.header());
    if (!q) return;
    var isLast = logic.next(this.survey, this.state, q.id) === null;
    var actions = [el('button', { type: 'submit', 'class': 'vx-btn vx-primary' }, [isLast ? (this.ui.submit || 'Submit') : (this.ui.next || 'Next')])];
    if (logic.previous(this.survey, this.state, q.id)) {
      var back = el('button', { type: 'button', 'class': 'vx-btn vx-secondary' }, [this.ui.back || 'Back']);
      back.addEventListener('click', function () { self.go(logic.previous(self.survey, self.state, q.id)); });
      actions.unshift(back);
    }
    var form = el('form', { novalidate: true, 'data-question-id': q.id }, [this.field(q), el('div', { 'class': 'vx-actions' }, actions)]);
    form.addEventListener('submit', function (event) { event.preventDefault(); self.advance(q); });
    this.root.appendChild(form);
  };

  Widget.prototype.go = function (id) {
    this.current = id;
    this.error = '';
    this.render();
    this.focusFirst();
  };

  Widget.prototype.advance = function (q) {
    var answer = this.readAnswer(q);
    if (q.required && (answer === null || (q.type === 'consent' && answer !== true))) {
      this.error = q.type === 'consent' ? this.ui.error_consent : this.ui.error_required;
      this.render();
      this.focusFirst();
      return;
    }
    this.state.answers[q.id] = answer;
    var next = logic.next(this.survey, this.state, q.id);
    if (next) this.go(next);
    else this.submit();
  };

  Widget.prototype.submit = function () {
    var self = this;
    var answers = {};
    logic.path(this.survey, this.state).forEach(function (id) {
      if (self.state.answers[id] !== null && self.state.answers[id] !== undefined) answers[id] = self.state.answers[id];
    });
    var body = { answers: answers, language: this.survey.language, hidden: this.hidden };
    if (customer) body.customer = customer;
    fetch(config.host + '/api/v1/public/surveys/' + encodeURIComponent(config.survey) + '/responses', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (response.ok) { writeCap('answered'); self.thank(); return; }
      return response.json().then(function (problem) {
        var field = problem && problem.errors && problem.errors[0] && problem.errors[0].field;
        var id = field && field.indexOf('answers.') === 0 ? field.slice(8) : null;
        self.error = self.ui.error_invalid || self.ui.widget_error;
        if (id) self.current = id;
        self.render();
        self.focusFirst();
      });
    }).catch(function () {
      self.error = self.ui.widget_error || 'Error';
      self.render();
    });
  };

  Widget.prototype.thank = function () {
    var screen = logic.thankYou(this.survey, this.state);
    this.root.textContent = '';
    this.root.appendChild(this.header());
    var heading = el('p', { 'class': 'vx-label', tabindex: '-1', role: 'status' }, [screen ? screen.title : (this.ui.thank_you_title || 'Thank you!')]);
    this.root.appendChild(heading);
    var message = screen ? screen.message : this.ui.thank_you_message;
    if (message) this.root.appendChild(el('p', {}, [message]));
    if (screen && screen.link && /^https?:\/\//.test(screen.link.url)) {
      this.root.appendChild(el('a', { href: screen.link.url, target: '_blank', rel: 'noopener noreferrer', 'class': 'vx-btn vx-primary' }, [screen.link.label]));
    }
    heading.focus();
  };

  Widget.prototype.focusable = function () {
    return Array.prototype.slice.call(this.root.querySelectorAll('button, input, textarea, a[href]'))
      .filter(function (node) { return !node.disabled; });
  };

  Widget.prototype.focusFirst = function () {
    var target = this.root.querySelector('#vx-error') ? this.root.querySelector('input, textarea') : null;
    target = target || this.root.querySelector('input:checked') || this.root.querySelector('input, textarea') || this.focusable()[0];
    if (target) target.focus();
  };

  Widget.prototype.onKey = function (event) {
    if (this.inline) return;
    if (event.key === 'Escape') { event.preventDefault(); this.close(true); return; }
    if (event.key !== 'Tab') return;
    var nodes = this.focusable();
    if (nodes.length === 0) return;
    var active = this.shadow.activeElement;
    var firstNode = nodes[0], lastNode = nodes[nodes.length - 1];
    if (event.shiftKey && active === firstNode) { event.preventDefault(); lastNode.focus(); }
    else if (!event.shiftKey && active === lastNode) { event.preventDefault(); firstNode.focus(); }
  };

  Widget.prototype.close = function (dismissed) {
    if (dismissed) writeCap('dismissed');
    if (this.host && this.host.parentNode) this.host.parentNode.removeChild(this.host);
    if (this.returnFocus && this.returnFocus.focus) this.returnFocus.focus();
    widget = null;
  };

  /* ---- loading and triggers ---- */
  function show(options) {
    options = options || {};
    if (widget || (!options.force && capped())) return;
    var language = options.language || config.language;
    fetch(config.host + '/api/v1/public/surveys/' + encodeURIComponent(options.survey || config.survey) +
      '?language=' + encodeURIComponent(language), { headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (survey) {
        if (!survey || widget) return;
        writeCap('shown');
        widget = new Widget(survey, options);
      })
      .catch(function () { /* the page goes on without the widget */ });
  }

  function run(command, options) {
    if (command === 'show') show(options);
    else if (command === 'hide' && widget) widget.close(false);
    else if (command === 'identify' && options) {
      customer = {
        external_id: options.external_id, email: options.email, name: options.name,
        attributes: options.attributes
      };
    }
  }

  var queued = (window.voxloop && window.voxloop.q) || [];
  window.voxloop = function (command, options) { run(command, options); };
  queued.forEach(function (args) { run(args[0], args[1]); });

  function armTrigger() {
    if (config.position === 'inline') { show({}); return; }
    var delay = /^delay:(\d+)$/.exec(config.trigger);
    if (delay) setTimeout(function () { show({}); }, Number(delay[1]) * 1000);
    else if (config.trigger === 'exit') {
      var onLeave = function (event) {
        if (event.clientY > 0 || event.relatedTarget) return;
        document.removeEventListener('mouseout', onLeave);
        show({});
      };
      document.addEventListener('mouseout', onLeave);
    }
  }
  armTrigger();
})();
