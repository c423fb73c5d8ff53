/*
 * Hoviyat — progressive enhancements.
 *
 * Every page is a plain HTML form that works without this file; the server validates and
 * normalises everything again. So each feature here is opt-in (a data attribute in the markup),
 * does nothing when its markup is missing, and never removes a way to submit. Elements that
 * only make sense with the script (strength meter, show-password) are rendered `hidden` and
 * revealed here.
 *
 * Plain ES2017, no build, no dependencies.
 */
(function () {
  'use strict';

  var doc = document;

  // Old browsers get the plain HTML pages, which are complete on their own.
  if (!doc.querySelector || !window.Element || !Element.prototype.closest || !Element.prototype.matches) {
    return;
  }

  /* ------------------------------------------------------------------ digits */

  var NON_ASCII_DIGITS = /[\u06F0-\u06F9\u0660-\u0669]/g;
  var PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

  // Same mapping as src/domain/digits.ts normalizeDigits.
  function toAsciiDigits(s) {
    return s.replace(NON_ASCII_DIGITS, function (ch) {
      var cp = ch.charCodeAt(0);
      return String.fromCharCode(0x30 + cp - (cp >= 0x06f0 ? 0x06f0 : 0x0660));
    });
  }

  function toPersianDigits(s) {
    return String(s).replace(/[0-9]/g, function (d) {
      return PERSIAN_DIGITS[d];
    });
  }

  // Each digit is one UTF-16 unit before and after, so the caret offsets stay valid.
  function normaliseDigitsIn(input) {
    var before = input.value;
    var after = toAsciiDigits(before);
    if (after === before) return; // writing .value would reset the caret and the undo stack
    var start = null;
    var end = null;
    try {
      start = input.selectionStart;
      end = input.selectionEnd;
    } catch (e) {
      // type=email/number throw on selection access; they just lose the caret position
    }
    input.value = after;
    if (start !== null && doc.activeElement === input) {
      try {
        input.setSelectionRange(start, end);
      } catch (e) {
        /* see above */
      }
    }
  }

  function onDigitsInput(event) {
    var t = event.target;
    if (!t.matches || !t.matches('input[data-digits]')) return;
    // Rewriting the value mid-composition breaks IME keyboards; compositionend catches up.
    if (event.isComposing) return;
    normaliseDigitsIn(t);
  }

  doc.addEventListener('input', onDigitsInput);
  doc.addEventListener('compositionend', onDigitsInput);

  /* ------------------------------------------------------------------ password strength */

  // Mirrors src/domain/password-policy.ts checkPassword; `true` means the rule is satisfied.
  // contains_personal is server-only (the page may not know the person's name yet).
  var RULES = {
    too_short: function (v) {
      return Array.from(v).length >= 8;
    },
    invalid_chars: function (v) {
      return /^[A-Za-z0-9&%$#!]*$/.test(v);
    },
    must_start_with_letter: function (v) {
      return /^[A-Za-z]/.test(v);
    },
    needs_upper: function (v) {
      return /[A-Z]/.test(v);
    },
    needs_lower: function (v) {
      return /[a-z]/.test(v);
    },
    needs_digit: function (v) {
      return /[0-9]/.test(v);
    },
  };

  // Mirrors src/domain/password-policy.ts passwordStrength, so the page and the API agree.
  function passwordStrength(password) {
    var chars = Array.from(password);
    var n = chars.length;
    if (n === 0) return 0;

    var lengthScore = (Math.min(n, 16) / 16) * 40;

    var classes = 0;
    if (/[a-z]/.test(password)) classes++;
    if (/[A-Z]/.test(password)) classes++;
    if (/[0-9]/.test(password)) classes++;
    if (/[^A-Za-z0-9]/.test(password)) classes++;
    var classScore = classes * 10;

    var varietyScore = (Math.min(new Set(chars).size, 12) / 12) * 20;

    var penalty = 0;
    for (var i = 2; i < n; i++) {
      var a = chars[i - 2].codePointAt(0);
      var b = chars[i - 1].codePointAt(0);
      var c = chars[i].codePointAt(0);
      if (a === b && b === c) {
        penalty += 4; // aaa
      } else if (b - a === c - b && Math.abs(b - a) === 1) {
        penalty += 3; // abc, 321
      }
    }
    penalty = Math.min(penalty, 30);

    var score = Math.round(lengthScore + classScore + varietyScore - penalty);
    return Math.max(0, Math.min(100, score));
  }

  var BANDS = [
    { below: 40, name: 'weak', label: 'ضعیف' },
    { below: 60, name: 'fair', label: 'متوسط' },
    { below: 80, name: 'good', label: 'خوب' },
    { below: Infinity, name: 'strong', label: 'خیلی قوی' },
  ];
  // Highest score shown while any rule fails: a password the server will reject must not be
  // called «خوب», whatever its length.
  var MAX_SCORE_WHEN_INVALID = 39;

  var RULE_STATE_TEXT = { ok: ' (رعایت شد)', bad: ' (رعایت نشد)' };

  function setupStrength(input) {
    var box = doc.getElementById(input.getAttribute('data-strength'));
    if (!box) return;
    var bar = box.querySelector('.password-meter__bar');
    var label = box.querySelector('.password-meter__label');
    // the percentage is not aria-live (it changes on every key); the word is, when it changes
    var value = box.querySelector('.password-meter__value');
    if (!bar || !label) return;
    var items = Array.prototype.slice.call(box.querySelectorAll('.rules li[data-rule]')).filter(function (li) {
      return RULES.hasOwnProperty(li.getAttribute('data-rule'));
    });

    // The ✓/✗ marks are CSS; screen readers get the state as words appended to each item.
    // A page the server marked after a refused password already has the span: reuse it.
    var spoken = items.map(function (li) {
      var sr = li.querySelector('.visually-hidden');
      if (!sr) {
        sr = doc.createElement('span');
        sr.className = 'visually-hidden';
        li.appendChild(sr);
      }
      return sr;
    });

    var lastLabel = null;

    function update() {
      var v = input.value;
      var empty = v === '';
      var allOk = true;
      Object.keys(RULES).forEach(function (rule) {
        if (!RULES[rule](v)) allOk = false;
      });
      items.forEach(function (li, i) {
        // Empty field: neutral markers rather than a wall of ✗ before the user has typed.
        var ok = RULES[li.getAttribute('data-rule')](v);
        li.classList.toggle('rule--ok', !empty && ok);
        li.classList.toggle('rule--bad', !empty && !ok);
        spoken[i].textContent = empty ? '' : ok ? RULE_STATE_TEXT.ok : RULE_STATE_TEXT.bad;
      });

      var score = passwordStrength(v);
      if (!allOk) score = Math.min(score, MAX_SCORE_WHEN_INVALID);
      var band = null;
      if (!empty) {
        for (var i = 0; i < BANDS.length && !band; i++) if (score < BANDS[i].below) band = BANDS[i];
      }
      bar.style.width = (empty ? 0 : Math.max(score, 5)) + '%'; // a sliver so "weak" is visible
      if (value) value.textContent = empty ? '' : toPersianDigits(score) + '٪';
      BANDS.forEach(function (b) {
        bar.classList.toggle('password-meter__bar--' + b.name, b === band);
      });

      // The label is aria-live; only touch it when the band changes, or every keystroke would
      // be re-announced.
      var text = band ? band.label : '';
      if (text !== lastLabel) {
        label.textContent = text;
        lastLabel = text;
      }
    }

    input.addEventListener('input', update);
    update();
    // The container, or only the meter inside it, is rendered `hidden` (the rule list can be
    // useful without the script; a meter that never moves is not). Reveal whatever hides it.
    [bar, label].forEach(function (el) {
      for (var n = el; n && n !== box.parentNode; n = n.parentElement) n.hidden = false;
    });
  }

  /* ------------------------------------------------------------------ show password */

  var toggles = [];

  function applyToggle(t) {
    t.targets.forEach(function (el) {
      el.type = t.box.checked ? 'text' : 'password';
    });
  }

  function setupToggle(box) {
    // The ids normally sit in the attribute itself; the checkbox's value is accepted too.
    var ids = box.getAttribute('data-toggle-password') || box.value || '';
    var targets = ids
      .split(/\s+/)
      .map(function (id) {
        return id ? doc.getElementById(id) : null;
      })
      .filter(function (el) {
        return el && el.tagName === 'INPUT' && (el.type === 'password' || el.type === 'text');
      });
    if (targets.length === 0) return;
    var t = { box: box, targets: targets };
    toggles.push(t);
    var controlled = targets.map(function (el) {
      return el.id;
    });
    box.setAttribute('aria-controls', controlled.join(' '));
    box.addEventListener('change', function () {
      applyToggle(t);
    });
    applyToggle(t); // the browser may have restored the checkbox as checked
    var wrapper = box.closest('.password-toggle') || box.parentNode;
    wrapper.hidden = false;
  }

  // Before a form leaves, put revealed passwords back to type=password: browsers keep
  // autocomplete history for text fields, and a password must never end up there.
  function concealPasswordsIn(form) {
    toggles.forEach(function (t) {
      var inForm = t.targets.some(function (el) {
        return el.form === form;
      });
      if (!inForm || !t.box.checked) return;
      t.box.checked = false;
      applyToggle(t);
    });
  }

  /* ------------------------------------------------------------------ countdown */

  function formatSeconds(total) {
    var m = Math.floor(total / 60);
    var s = total % 60;
    return toPersianDigits((m < 10 ? '0' : '') + m + ':' + (s < 10 ? '0' : '') + s);
  }

  // Where to write mm:ss. Preferred: a [data-countdown-time] slot in the markup. Otherwise the
  // number in the server's sentence («… تا ۱۲۰ ثانیه دیگر …») is swapped for a span, dropping
  // the unit word since mm:ss carries its own («… تا ۰۱:۵۹ دیگر …»).
  var SECONDS_IN_TEXT = /[0-9\u06F0-\u06F9]+(\s*ثانیه)?/;

  function countdownSlot(el) {
    var slot = el.querySelector('[data-countdown-time]');
    if (slot) return slot;
    var walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var m = SECONDS_IN_TEXT.exec(node.nodeValue);
      if (!m) continue;
      var rest = node.splitText(m.index);
      rest.nodeValue = rest.nodeValue.slice(m[0].length);
      slot = doc.createElement('span');
      node.parentNode.insertBefore(slot, rest);
      return slot;
    }
    return el; // no number to replace: the element shows just the time
  }

  function setupCountdown(el) {
    var raw = toAsciiDigits(el.getAttribute('data-countdown') || '').trim();
    if (!/^\d+$/.test(raw)) return;
    var seconds = parseInt(raw, 10);
    var output = countdownSlot(el);
    var buttonId = el.getAttribute('data-countdown-enables');
    var button = buttonId ? doc.getElementById(buttonId) : null;

    // The server may render the button enabled (so a no-JS user can still use it after a
    // reload); while we are counting, disable it here instead.
    if (button && seconds > 0 && !button.disabled) {
      button.disabled = true;
      button.setAttribute('aria-disabled', 'true');
    }

    // Count against the clock, not the number of ticks: timers are throttled in background
    // tabs and paused in the back/forward cache, but the server's cooldown is wall-clock.
    var deadline = Date.now() + seconds * 1000;
    var timer = 0;

    function tick() {
      var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      output.textContent = formatSeconds(left);
      if (left > 0) return;
      clearInterval(timer);
      el.hidden = true;
      if (button) {
        button.disabled = false;
        button.removeAttribute('aria-disabled');
      }
    }

    tick();
    if (!el.hidden) timer = setInterval(tick, 1000);
  }

  /* ------------------------------------------------------------------ error summary */

  function focusAutofocus() {
    var target = doc.querySelector('[data-autofocus]');
    // Don't steal focus from a user who already started tabbing before the script ran.
    var active = doc.activeElement;
    if (target && (!active || active === doc.body || active === doc.documentElement)) {
      target.focus();
    }
  }

  // Error links point at a field id. The browser would scroll the input to the very top,
  // hiding its label (and for a fieldset, focus nothing); instead focus the control and show
  // the label or legend above it, as GOV.UK does.
  doc.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('.error-summary a[href^="#"]');
    if (!link) return;
    var id;
    try {
      id = decodeURIComponent(link.hash.slice(1));
    } catch (e) {
      return;
    }
    var target = doc.getElementById(id);
    if (!target) return;
    var control = target;
    var caption = null;
    if (target.tagName === 'FIELDSET') {
      control =
        target.querySelector('input:checked') || target.querySelector('input:not([type="hidden"]), select, textarea');
      caption = target.querySelector('legend');
    } else if (target.labels && target.labels.length) {
      caption = target.labels[0];
    }
    if (!control || typeof control.focus !== 'function') return;
    event.preventDefault();
    control.focus({ preventScroll: true }); // older browsers ignore the option and scroll…
    (caption || control).scrollIntoView(); // …and this puts the label back in view
  });

  /* ------------------------------------------------------------------ double-submit guard */

  var GUARD_MS = 5000;
  var guards = []; // { form, button, standIn, timer }
  var lockedUntil = new WeakMap(); // form -> time before which a new submit is swallowed
  var lastClicked = null;

  // Fallback for browsers without SubmitEvent.submitter (Safari < 15.4). Implicit submission
  // (Enter in a field) fires a synthetic click on the default button, so this catches it too.
  doc.addEventListener(
    'click',
    function (event) {
      var b = event.target.closest && event.target.closest('button, input[type="submit"]');
      lastClicked = b && b.form && b.type === 'submit' ? b : null;
    },
    true,
  );

  function release(g) {
    clearTimeout(g.timer);
    if (g.button) g.button.disabled = false;
    if (g.standIn && g.standIn.parentNode) g.standIn.parentNode.removeChild(g.standIn);
    lockedUntil.delete(g.form);
    guards.splice(guards.indexOf(g), 1);
  }

  // Registered on document (bubbling), so handlers on the form itself have already run and
  // may have cancelled the submission.
  doc.addEventListener('submit', function (event) {
    var form = event.target;
    var submitter = event.submitter || (lastClicked && lastClicked.form === form ? lastClicked : null);
    lastClicked = null;
    if (event.defaultPrevented) return;

    // A second submission of the same form while the first is in flight (another submit
    // button, or Enter in a field) would repeat a POST — one SMS too many, one OTP burned.
    if (Date.now() < (lockedUntil.get(form) || 0)) {
      event.preventDefault();
      return;
    }

    concealPasswordsIn(form);

    var g = { form: form, button: null, standIn: null, timer: 0 };
    lockedUntil.set(form, Date.now() + GUARD_MS);
    // type=image submits coordinates, not name/value; leave it alone.
    if (submitter && submitter.type === 'submit') {
      // A disabled button is left out of the form data, but the server may branch on its
      // name/value (e.g. _action=new_captcha), so a hidden twin carries it instead.
      if (submitter.name) {
        var standIn = doc.createElement('input');
        standIn.type = 'hidden';
        standIn.name = submitter.name;
        standIn.value = submitter.value;
        form.appendChild(standIn);
        g.standIn = standIn;
      }
      submitter.disabled = true;
      g.button = submitter;
    }
    g.timer = setTimeout(function () {
      release(g);
    }, GUARD_MS);
    guards.push(g);
  });

  /* ------------------------------------------------------------------ start */

  function each(selector, fn) {
    Array.prototype.forEach.call(doc.querySelectorAll(selector), fn);
  }

  // One feature failing (odd markup, an old browser quirk) must not stop the others.
  function safely(fn) {
    return function (el) {
      try {
        fn(el);
      } catch (e) {
        if (window.console) console.error(e);
      }
    };
  }

  function init() {
    each('input[data-strength]', safely(setupStrength));
    each('input[data-toggle-password]', safely(setupToggle));
    each('[data-countdown]', safely(setupCountdown));
    safely(focusAutofocus)();
  }

  // Returning with the back button may restore this page from the back/forward cache exactly
  // as it was left: buttons still disabled by the guard, passwords concealed at submit while
  // the checkbox state was restored. Put everything back to a usable state.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    guards.slice().forEach(release);
    toggles.forEach(applyToggle);
  });

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', init);
  else init();
})();
