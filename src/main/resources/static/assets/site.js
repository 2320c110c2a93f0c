// Click-to-load embeds: nothing is requested from the video's site until the reader asks for it.
document.addEventListener('click', function (event) {
  var link = event.target.closest && event.target.closest('.embed-load');
  if (!link) return;
  var figure = link.closest('.embed');
  var src = figure && figure.getAttribute('data-embed-src');
  if (!src) return; // no embeddable player: follow the link to the original
  event.preventDefault();
  var frame = document.createElement('iframe');
  frame.src = src;
  frame.title = link.textContent;
  frame.allow = 'autoplay; fullscreen; picture-in-picture';
  frame.setAttribute('allowfullscreen', '');
  frame.referrerPolicy = 'no-referrer';
  figure.querySelector('.embed-placeholder').replaceWith(frame);
});

// "Copy link" copies the page's address; without script it is a plain link to the page. When the
// browser refuses the clipboard, the address takes the link's place, selected, to copy by hand.
document.addEventListener('click', function (event) {
  var link = event.target.closest && event.target.closest('.share-copy');
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  navigator.clipboard.writeText(link.href).then(function () {
    link.textContent = link.getAttribute('data-copied');
  }, function () {
    link.textContent = link.href;
    var range = document.createRange();
    range.selectNodeContents(link);
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
  });
});

// The checkout guard: while checkouts surge, Continue first solves the server's small puzzle (a
// SHA-256 with enough leading zero bits), here in the reader's browser; nothing leaves for anyone else.
// A form on a cached page (the appeal under an article) asks for the puzzle when Continue is pressed.
var solvePuzzle = async function (form, bits) {
  var answer = form.querySelector('input[name=answer]');
  var challenge = form.querySelector('input[name=challenge]');
  var encoder = new TextEncoder();
  var zeroBits = function (bytes) {
    var count = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { count += 8; continue; }
      return count + Math.clz32(bytes[i]) - 24;
    }
    return count;
  };
  for (var n = 0; ; n++) {
    var hash = await crypto.subtle.digest('SHA-256', encoder.encode(challenge.value + ':' + n));
    if (zeroBits(new Uint8Array(hash)) >= bits) {
      answer.value = String(n);
      return;
    }
  }
};
var hiddenField = function (form, name) {
  var input = document.createElement('input');
  input.type = 'hidden';
  input.name = name;
  form.appendChild(input);
  return input;
};
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (!window.crypto || !crypto.subtle || !window.fetch) return;
  var answer = form.querySelector('input[name=answer]');
  var bits = parseInt(form.getAttribute('data-work-bits'), 10);
  var button = form.querySelector('button[type=submit]');
  if (bits && answer && !answer.value) {
    event.preventDefault();
    if (button) button.disabled = true;
    solvePuzzle(form, bits).then(function () { form.submit(); });
  } else if (form.classList.contains('give') && !answer && new URL(form.action).origin === location.origin) {
    event.preventDefault();
    if (button) button.disabled = true;
    fetch('/support/challenge', { cache: 'no-store', credentials: 'omit' })
      .then(function (response) { return response.json(); })
      .then(function (puzzle) {
        if (!puzzle.bits) return;
        hiddenField(form, 'challenge').value = puzzle.token;
        hiddenField(form, 'answer');
        return solvePuzzle(form, puzzle.bits);
      })
      .catch(function () { /* the server asks again if it must */ })
      .then(function () { form.submit(); });
  }
});

// The contribution form: only the chosen currency's amounts, one amount at a time, and "Remind me
// later" remembering what was chosen. Without script the form works as sent (see give.jte).
(function () {
  var form = document.querySelector('form.give');
  if (!form) return;
  var currency = form.querySelector('select[name=currency]');
  var custom = form.querySelector('input[name=custom]');
  var presets = function () { return form.querySelectorAll('input[type=radio][name^="preset-"]'); };
  currency.addEventListener('change', function () {
    form.querySelectorAll('[data-currency]').forEach(function (group) {
      group.hidden = group.getAttribute('data-currency') !== currency.value;
    });
    presets().forEach(function (radio) { radio.checked = false; });
    form.querySelector('input[name=preset-currency]').value = currency.value;
  });
  form.addEventListener('change', function (event) {
    if (event.target.name && event.target.name.indexOf('preset-') === 0) custom.value = '';
  });
  custom.addEventListener('input', function () {
    if (custom.value) presets().forEach(function (radio) { radio.checked = false; });
  });
  var remind = document.querySelector('form.remind-form');
  if (!remind) return;
  remind.addEventListener('submit', function () {
    var frequency = form.querySelector('input[name=frequency]:checked');
    var preset = frequency && form.querySelector('input[name="preset-' + frequency.value + '"]:checked');
    if (frequency) remind.querySelector('input[name=frequency]').value = frequency.value;
    remind.querySelector('input[name=currency]').value = currency.value;
    remind.querySelector('input[name=custom]').value = custom.value || (preset ? preset.getAttribute('data-amount') : '');
  });
})();

// Quiet for a while: a reader who hid the banner or the appeal, gave, or asked to be reminded does
// not see them again for the configured time. Kept in this browser's localStorage and nowhere
// else, so every page stays the same for everyone and the server knows nothing of it.
(function () {
  var KEY = 'tamizdat.quiet-until';
  var store;
  try { store = window.localStorage; } catch (e) { return; }
  if (!store) return;
  var seconds = function (name) { return parseInt(document.body.getAttribute(name), 10) || 0; };
  var quietFor = function (period) {
    var until = Date.now() + period * 1000;
    if (until > (parseInt(store.getItem(KEY), 10) || 0)) store.setItem(KEY, String(until));
  };
  var hide = function () {
    document.querySelectorAll('[data-quiet]').forEach(function (element) { element.hidden = true; });
  };
  if (document.querySelector('[data-quiet-now]')) quietFor(seconds('data-quiet-after-support'));
  if ((parseInt(store.getItem(KEY), 10) || 0) > Date.now()) hide();
  document.querySelectorAll('[data-quiet] .quiet-dismiss').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      quietFor(seconds('data-quiet-after-dismissal'));
      hide();
    });
  });
})();
