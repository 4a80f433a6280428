/* Voxloop hosted survey page: progressive enhancement. Without this script every step is a
   plain form POST and the page works as is. With it:
   - steps change in place (fetch + swap of <main>), keeping focus management sensible;
   - the current answer is saved as the respondent goes (JSON to data-partial-url);
   - kiosk pages return to the first question after a period without input.
   No framework, no inline code: loaded with `defer` under a strict CSP. */
(function () {
  'use strict';

  var saveTimer = null;

  function currentForm() { return document.querySelector('form.vx-form'); }

  /* The answer the form holds for its step, as the JSON endpoint expects it. */
  function stepAnswer(form) {
    var step = form.getAttribute('data-step');
    var name = 'a.' + step;
    var fields = Array.prototype.filter.call(form.elements, function (el) { return el.name === name; });
    if (fields.length === 0) return { step: step, value: null };
    var first = fields[0];
    if (first.type === 'checkbox') {
      var question = form.querySelector('[data-question-id]');
      var chosen = fields.filter(function (el) { return el.checked; }).map(function (el) { return el.value; });
      if (question && question.getAttribute('data-type') === 'consent') return { step: step, value: chosen.length > 0 };
      return { step: step, value: chosen };
    }
    if (first.type === 'radio') {
      var checked = fields.filter(function (el) { return el.checked; })[0];
      return { step: step, value: checked ? checked.value : null };
    }
    return { step: step, value: first.value };
  }

  function savePartial() {
    var form = currentForm();
    if (!form || !form.getAttribute('data-partial-url')) return;
    var answer = stepAnswer(form);
    if (answer.value === null || answer.value === '') return;
    var answers = {};
    answers[answer.step] = answer.value;
    var session = form.elements._session ? form.elements._session.value : '';
    fetch(form.getAttribute('data-partial-url'), {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: true,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ session: session, step: answer.step, answers: answers })
    }).catch(function () { /* the step POST saves it anyway */ });
  }

  function scheduleSave() {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(savePartial, 800);
  }

  function focusAfterSwap() {
    var target = document.getElementById('vx-error-summary') || document.querySelector('.vx-legend') ||
      document.getElementById('vx-title');
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }

  function swapIn(html) {
    var next = new DOMParser().parseFromString(html, 'text/html');
    var main = next.getElementById('vx-main');
    if (!main) return false;
    document.getElementById('vx-main').innerHTML = main.innerHTML;
    document.title = next.title;
    document.documentElement.lang = next.documentElement.lang;
    var nav = document.querySelector('.vx-languages');
    var nextNav = next.querySelector('.vx-languages');
    if (nav && nextNav) nav.innerHTML = nextNav.innerHTML;
    var refresh = next.querySelector('meta[http-equiv="refresh"]');
    if (refresh) {
      var match = /^(\d+);url=(.*)$/.exec(refresh.getAttribute('content') || '');
      if (match) setTimeout(function () { window.location.assign(match[2]); }, Number(match[1]) * 1000);
    }
    focusAfterSwap();
    return true;
  }

  function onSubmit(event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains('vx-form') || !window.fetch || !window.DOMParser) return;
    event.preventDefault();
    if (saveTimer) clearTimeout(saveTimer);
    var body = new URLSearchParams(new FormData(form));
    var submitter = event.submitter;
    if (submitter && submitter.name) body.set(submitter.name, submitter.value);
    var buttons = form.querySelectorAll('button');
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString()
    }).then(function (response) {
      return response.text().then(function (html) {
        if (!swapIn(html)) throw new Error('unexpected page');
        window.scrollTo(0, 0);
      });
    }).catch(function () {
      /* Fall back to the plain form POST. */
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
      form.removeEventListener('submit', onSubmit);
      HTMLFormElement.prototype.submit.call(form);
    });
  }

  function startKioskTimer() {
    var body = document.body;
    var seconds = Number(body.getAttribute('data-kiosk-reset'));
    var home = body.getAttribute('data-kiosk-home');
    if (!seconds || !home) return;
    var timer = null;
    function reset() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(function () { window.location.assign(home); }, seconds * 1000);
    }
    ['pointerdown', 'keydown', 'input'].forEach(function (type) { document.addEventListener(type, reset, true); });
    reset();
  }

  document.addEventListener('submit', onSubmit);
  document.addEventListener('change', scheduleSave);
  document.addEventListener('input', scheduleSave);
  startKioskTimer();
})();
