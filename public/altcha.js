/*
 * Hoviyat — the automatic security check, loaded only by pages with a captcha.
 *
 * ALTCHA proof of work in place of the image captcha: find n with SHA-256(salt + n) = challenge
 * (the classic protocol the server checks with altcha-lib). No widget library: this is all of it.
 * The server renders the image field as usual and this box `hidden`; here the two swap places,
 * and the image comes back if anything fails (no Web Crypto, e.g. a plain-http address). A page
 * without this script is the no-JavaScript page, complete on its own.
 *
 * Plain ES2017, no build, no dependencies.
 */
(function () {
  'use strict';

  var doc = document;
  if (!doc.querySelector || !window.Element || !Element.prototype.closest || !window.Promise) return;

  var BATCH = 200; // digests in flight at once: one await per hash would double the time
  var renewals = [];

  function hexBytes(hex) {
    var out = new Uint8Array(hex.length / 2);
    for (var i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out;
  }

  function sameBytes(a, b) {
    for (var i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  function solveAltcha(c) {
    var subtle = window.crypto && window.crypto.subtle;
    if (!subtle || !window.TextEncoder) return Promise.reject(new Error('no Web Crypto'));
    var enc = new TextEncoder();
    var want = hexBytes(c.challenge);
    var max = Number(c.maxnumber) || 1e6;
    function from(start) {
      var batch = [];
      for (var n = start; n < start + BATCH && n <= max; n++) {
        batch.push(subtle.digest('SHA-256', enc.encode(c.salt + n)));
      }
      return Promise.all(batch).then(function (hashes) {
        for (var i = 0; i < hashes.length; i++) if (sameBytes(new Uint8Array(hashes[i]), want)) return start + i;
        if (start + BATCH > max) throw new Error('no solution');
        return from(start + BATCH);
      });
    }
    return from(0);
  }

  function forEach(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function setup(box) {
    var scope = box.closest('[data-captcha]');
    var form = box.closest('form');
    var image = scope && scope.querySelector('[data-captcha-image]');
    var field = box.querySelector('input[name="altcha"]');
    var status = box.querySelector('[data-altcha-status]');
    var typed = image && image.querySelector('input[name="captcha"]');
    if (!form || !typed || !field || !status || !window.crypto || !window.crypto.subtle) return;
    var pending = null; // the solve a submission must wait for
    var held = false; // a submission is waiting for it
    var heldBy = null;

    // One of the two is shown (the other's fields are not sent); error links follow the one shown.
    function useImage(on) {
      image.hidden = !on;
      box.hidden = on;
      forEach(image.querySelectorAll('input, button'), function (el) {
        el.disabled = !on;
      });
      forEach(doc.querySelectorAll('.error-summary a[href="#' + (on ? box.id : typed.id) + '"]'), function (a) {
        a.setAttribute('href', '#' + (on ? typed.id : box.id));
      });
    }

    // `fresh`: nothing usable until this one is solved (first load, page restored from history).
    function solve(c, fresh) {
      if (fresh) {
        field.value = '';
        status.textContent = box.getAttribute('data-altcha-working');
        box.classList.remove('altcha--done');
      }
      var p = solveAltcha(c).then(
        function (n) {
          var proof = {
            algorithm: c.algorithm,
            challenge: c.challenge,
            number: n,
            salt: c.salt,
            signature: c.signature,
          };
          field.value = btoa(JSON.stringify(proof));
          status.textContent = box.getAttribute('data-altcha-done');
          box.classList.add('altcha--done');
          return true;
        },
        function () {
          if (fresh) useImage(true); // a renewal that fails keeps the proof it has
          return false;
        },
      );
      if (fresh) pending = p;
      p.then(function (solved) {
        if (pending !== p) return;
        pending = null;
        if (!held) return;
        held = false;
        // failed: the image is back, for the person to fill in before sending
        if (!solved) return;
        if (form.requestSubmit) form.requestSubmit(heldBy || undefined);
        else form.submit();
      });
    }

    // A challenge expires: ask for the next one a minute before, and solve it in the background.
    var timer = 0;
    function later(seconds) {
      clearTimeout(timer);
      timer = setTimeout(renew, Math.max(30, Number(seconds) || 0) * 1000, false);
    }
    function renew(fresh) {
      if (!window.fetch) return;
      fetch(box.getAttribute('data-altcha-renew'), { method: 'POST', credentials: 'same-origin' })
        .then(function (r) {
          if (!r.ok) throw new Error('renew ' + r.status);
          return r.json();
        })
        .then(function (c) {
          solve(c, fresh);
          later(c.expiresInSeconds - 60);
        })
        .catch(function () {
          if (fresh) useImage(true);
        });
    }

    // Pressed before the check finished: wait for it, then send (a back button does not wait).
    // On the form, so it runs before app.js's double-submit guard on the document.
    form.addEventListener('submit', function (event) {
      var by = event.submitter || null;
      if (!pending || (by && by.hasAttribute('formnovalidate'))) return;
      event.preventDefault();
      held = true;
      heldBy = by;
    });

    useImage(false);
    solve(JSON.parse(box.getAttribute('data-altcha')), true);
    later(box.getAttribute('data-altcha-renew-after'));
    renewals.push(function () {
      renew(true);
    });
  }

  function init() {
    forEach(doc.querySelectorAll('[data-altcha]'), function (box) {
      try {
        setup(box);
      } catch (e) {
        if (window.console) console.error(e);
      }
    });
  }

  // A page restored from the back/forward cache may hold a proof its last submission used up.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    renewals.forEach(function (fn) {
      fn();
    });
  });

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', init);
  else init();
})();
